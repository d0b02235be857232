"""The probe set draw (the engine's exact indices are checked in test_swift.py through LMN equality)."""

import grokscope
from grokscope.probes import _SplitMix64


def test_splitmix64_reference_values():
    # Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    generator = _SplitMix64(0)
    assert [generator.next() for _ in range(3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]


def test_probe_indices_are_distinct_sorted_seeded_and_deterministic():
    a = grokscope.probe_indices(128, 961, seed=7)
    assert a == grokscope.probe_indices(128, 961, seed=7)
    assert len(a) == 128 and len(set(a)) == 128 and a == sorted(a) and 0 <= a[0] and a[-1] < 961
    assert a != grokscope.probe_indices(128, 961, seed=8)


def test_asking_for_all_inputs_or_more_takes_every_input():
    assert grokscope.probe_indices(200, 100, seed=1) == list(range(100))
    assert grokscope.probe_indices(100, 100, seed=1) == list(range(100))
    assert grokscope.probe_indices(0, 100, seed=1) == []
