"""LMN: the fast path against the literal definition, and the properties of docs/lmn.md."""

import numpy as np
import pytest

import grokscope
from grokscope.lmn import LMNError, from_connectivity, spectral_lmn


def random_tail(rng, widths, activation="silu", scale=1.0):
    layers = []
    for inputs, outputs in zip(widths[:-1], widths[1:]):
        bound = scale / np.sqrt(inputs)
        layers.append((rng.uniform(-bound, bound, (outputs, inputs)), rng.uniform(-bound, bound, outputs)))
    return grokscope.Tail.mlp(layers, activation)


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


@pytest.mark.parametrize("activation", ["silu", "relu", "tanh", "gelu"])
def test_fast_path_equals_the_definition(rng, activation):
    tail = random_tail(rng, [12, 16, 16, 7], activation, scale=3.0)
    probes = rng.standard_normal((24, 12)) * 2
    fast = grokscope.lmn_result(tail, probes)
    slow = grokscope.naive(tail, probes)
    assert fast.value == pytest.approx(slow.value, rel=1e-12)
    np.testing.assert_allclose(fast.connectivity, slow.connectivity, rtol=0, atol=1e-12)
    assert fast.value > 1.05  # a nonlinear tail: the test could fail


def test_a_plain_callable_gives_the_same_value_as_the_layered_tail(rng):
    tail = random_tail(rng, [10, 20, 5])
    probes = rng.standard_normal((30, 10))
    assert grokscope.lmn(lambda x: tail(x), probes) == pytest.approx(grokscope.lmn(tail, probes), rel=1e-12)


@pytest.mark.parametrize("block_rows", [1, 19, 100, 1000, 10**6])
def test_block_size_does_not_change_the_result(rng, block_rows):
    tail = random_tail(rng, [6, 8, 4])
    probes = rng.standard_normal((17, 6))
    reference = grokscope.naive(tail, probes).value
    assert grokscope.lmn(tail, probes, block_rows=block_rows) == pytest.approx(reference, rel=1e-12)


def test_lmn_lies_between_1_and_n(rng):
    for n in (2, 5, 40):
        tail = random_tail(rng, [8, 32, 32, 6], "relu", scale=4.0)
        value = grokscope.lmn(tail, rng.standard_normal((n, 8)) * 5)
        assert 1.0 - 1e-12 <= value <= n + 1e-9


def test_an_affine_tail_gives_exactly_one(rng):
    weight, bias = rng.standard_normal((5, 9)), rng.standard_normal(5)
    probes = rng.standard_normal((20, 9))
    # "Exactly" as in the Swift suite: r² of a line is 1 up to rounding, so LMN is 1 within 1e-12.
    assert grokscope.lmn(lambda x: x @ weight.T + bias, probes) == pytest.approx(1.0, abs=1e-12)
    assert grokscope.naive(lambda x: x @ weight.T + bias, probes).value == pytest.approx(1.0, abs=1e-12)
    assert grokscope.lmn(grokscope.Tail([grokscope.Layer(weight, bias)]), probes) == pytest.approx(1.0, abs=1e-12)
    two_layers = grokscope.Tail([grokscope.Layer(rng.standard_normal((6, 5))), grokscope.Layer(weight[:, :6])])
    assert grokscope.lmn(two_layers, rng.standard_normal((15, 5))) == pytest.approx(1.0, abs=1e-12)
    # Negative case: the same map through a nonlinearity is not linear.
    assert grokscope.lmn(lambda x: np.tanh(x @ weight.T + bias), probes) > 1.0


def test_a_constant_tail_is_linear(rng):
    probes = rng.standard_normal((10, 3))
    result = grokscope.lmn_result(lambda x: np.full((x.shape[0], 4), 7.0), probes)
    np.testing.assert_array_equal(result.connectivity, np.ones((10, 10)))
    assert result.value == pytest.approx(1.0, abs=1e-12)


def test_duplicate_probes_are_linear_with_each_other(rng):
    tail = random_tail(rng, [4, 16, 3], scale=3.0)
    probe = rng.standard_normal((1, 4))
    result = grokscope.lmn_result(tail, np.repeat(probe, 3, axis=0))
    np.testing.assert_array_equal(result.connectivity, np.ones((3, 3)))


def test_block_diagonal_connectivity_with_c_blocks_gives_c():
    for blocks, size in [(1, 7), (3, 4), (5, 2)]:
        matrix = np.kron(np.eye(blocks), np.ones((size, size)))
        assert from_connectivity(matrix).value == pytest.approx(blocks, rel=1e-12)
    # Unequal blocks do not give the block count (the rule needs equal blocks).
    unequal = np.zeros((5, 5))
    unequal[:4, :4] = 1
    unequal[4, 4] = 1
    assert from_connectivity(unequal).value != pytest.approx(2, rel=1e-3)


def test_probe_order_does_not_matter(rng):
    tail = random_tail(rng, [6, 24, 5], scale=3.0)
    probes = rng.standard_normal((25, 6)) * 2
    order = rng.permutation(25)
    a, b = grokscope.lmn_result(tail, probes), grokscope.lmn_result(tail, probes[order])
    assert a.value == pytest.approx(b.value, rel=1e-12)
    np.testing.assert_allclose(b.connectivity, a.connectivity[np.ix_(order, order)], rtol=0, atol=1e-14)


def test_connectivity_is_symmetric_with_unit_diagonal_in_unit_interval(rng):
    tail = random_tail(rng, [5, 30, 30, 4], "tanh", scale=5.0)
    matrix = grokscope.lmn_result(tail, rng.standard_normal((30, 5)) * 3).connectivity
    np.testing.assert_array_equal(matrix, matrix.T)
    np.testing.assert_array_equal(np.diag(matrix), 1.0)
    assert matrix.min() >= 0.0 and matrix.max() <= 1.0
    assert matrix.min() < 0.99  # the tail is curved enough for the bounds to matter


def test_spectral_entropy_in_bits():
    entropy, value = spectral_lmn(np.array([1.0, 1.0, 0.0, 0.0]))
    assert entropy == pytest.approx(1.0) and value == pytest.approx(2.0)
    entropy, value = spectral_lmn(np.array([-2.0, 2.0]))  # |μ|: an indefinite L still gives a number
    assert value == pytest.approx(2.0)


def test_non_finite_probes_and_overflowing_tails_are_errors(rng):
    tail = random_tail(rng, [3, 4, 2])
    bad = rng.standard_normal((5, 3))
    bad[2, 1] = np.nan
    with pytest.raises(LMNError, match="NaN or infinity"):
        grokscope.lmn(tail, bad)
    with pytest.raises(LMNError, match="NaN or infinite"), np.errstate(over="ignore"):
        grokscope.lmn(lambda x: np.exp(x @ np.full((3, 2), 400.0)), rng.standard_normal((4, 3)) + 3)


def test_shapes_are_checked(rng):
    with pytest.raises(LMNError, match="N×H"):
        grokscope.lmn(lambda x: x, np.zeros(5))
    with pytest.raises(LMNError, match="returned shape"):
        grokscope.lmn(lambda x: x[:1], rng.standard_normal((4, 2)))
    with pytest.raises(LMNError, match="square"):
        from_connectivity(np.ones((2, 3)))


def paper_like(rng, outputs=31, scale=1.0):
    return random_tail(rng, [20, 24, outputs], "silu", scale=scale)


@pytest.mark.parametrize("outputs", [1, 8, 31])
def test_the_segment_path_equals_the_definition_for_any_output_width(rng, outputs):
    # grokscope.segments pads the last product to a multiple of 8 columns; the padding must not count.
    tail = paper_like(rng, outputs, scale=3.0)
    probes = rng.standard_normal((20, 20)) * 2
    assert tail.segments(probes, 1).silu_recurrence
    fast, slow = grokscope.lmn_result(tail, probes), grokscope.naive(tail, probes)
    np.testing.assert_allclose(fast.connectivity, slow.connectivity, rtol=0, atol=1e-12)
    assert fast.value == pytest.approx(slow.value, rel=1e-12)


def test_saturated_units_take_the_exact_exp_and_still_match(rng):
    # Pre-activations beyond ±300: the exp recurrence would overflow, so each point gets its own exp.
    tail = paper_like(rng, scale=3.0)
    probes = rng.standard_normal((16, 20)) * 400
    assert not tail.segments(probes, 4).silu_recurrence
    assert tail.segments(probes / 400, 4).silu_recurrence  # negative control: the same tail, small inputs
    fast, slow = grokscope.lmn_result(tail, probes), grokscope.naive(tail, probes)
    np.testing.assert_allclose(fast.connectivity, slow.connectivity, rtol=0, atol=1e-12)
    assert fast.value == pytest.approx(slow.value, rel=1e-12)
    # Large but below the limit: the recurrence spans factors up to e^±300 and stays exact enough.
    moderate = rng.standard_normal((16, 20)) * 40
    assert tail.segments(moderate, 4).silu_recurrence
    assert grokscope.lmn(tail, moderate) == pytest.approx(grokscope.naive(tail, moderate).value, rel=1e-9)


def test_near_duplicate_probes_match_the_definition(rng):
    # Segments 1e-9 long: the curves are nearly straight, so rounding in σ is a large part of their
    # curvature; both paths must still agree to 1e-9 in LMN (measured 2.6e-10, as the entered path:
    # the definition's own rounding).
    tail = paper_like(rng, scale=3.0)
    centers = rng.standard_normal((6, 20))
    probes = np.repeat(centers, 4, axis=0) + rng.standard_normal((24, 20)) * 1e-9
    fast, slow = grokscope.lmn_result(tail, probes), grokscope.naive(tail, probes)
    assert fast.value == pytest.approx(slow.value, rel=1e-9)
    np.testing.assert_allclose(fast.connectivity, slow.connectivity, rtol=0, atol=1e-9)


def test_an_activation_after_the_last_layer_is_kept(rng):
    # No padding trick when the last layer is not affine: σ must be applied to the logits too.
    layers = [grokscope.Layer(rng.standard_normal((16, 8)), rng.standard_normal(16), "silu"),
              grokscope.Layer(rng.standard_normal((5, 16)), rng.standard_normal(5), "tanh")]
    tail = grokscope.Tail(layers)
    probes = rng.standard_normal((18, 8))
    fast, slow = grokscope.lmn_result(tail, probes), grokscope.naive(tail, probes)
    assert fast.value == pytest.approx(slow.value, rel=1e-12)
    without = grokscope.Tail([layers[0], grokscope.Layer(layers[1].weight, layers[1].bias)])
    assert grokscope.lmn(without, probes) != pytest.approx(fast.value, rel=1e-6)
