import Engine
import Testing

@Suite("Tasks and the data split")
struct TaskTests {
    @Test func modularTasksComputeTheirOperation() throws {
        func label(_ kind: TaskKind, _ a: Int, _ b: Int, p: Int = 7) throws -> Int? {
            try TaskSpec(kind, modulus: p).allExamples().first { $0.a == a && $0.b == b }.map { Int($0.label) }
        }
        #expect(try label(.add, 5, 4) == 2)
        #expect(try label(.subtract, 2, 5) == 4)
        #expect(try label(.multiply, 3, 5) == 1)
        #expect(try label(.divide, 3, 5) == 2)  // 2·5 = 10 ≡ 3 (mod 7)
        #expect(try label(.divide, 3, 0) == nil)  // b ≠ 0
        #expect(try label(.quadratic, 2, 3) == (4 + 6 + 9) % 7)
        #expect(try TaskSpec(.add, modulus: 31).allExamples().count == 961)
        #expect(try TaskSpec(.divide, modulus: 31).allExamples().count == 31 * 30)
    }

    @Test func xorAndS4() throws {
        let xor = try TaskSpec(.xor).allExamples()
        #expect(xor.count == 1024)
        #expect(xor.allSatisfy { Int($0.label) == Int($0.a) ^ Int($0.b) })
        let s4 = try TaskSpec(.s4).allExamples()
        #expect(s4.count == 576)
        let table = Dictionary(uniqueKeysWithValues: s4.map { ([Int($0.a), Int($0.b)], Int($0.label)) })
        // Element 0 is the identity (lexicographically first permutation); every row is a permutation
        // of the group (Latin square), and composition is associative.
        #expect((0..<24).allSatisfy { table[[0, $0]] == $0 && table[[$0, 0]] == $0 })
        #expect((0..<24).allSatisfy { a in Set((0..<24).map { table[[a, $0]]! }).count == 24 })
        #expect(table[[table[[3, 7]]!, 11]] == table[[3, table[[7, 11]]!]])
        #expect(table[[1, 2]] != table[[2, 1]], "S4 is not commutative")
    }

    @Test func divisionNeedsAPrimeModulus() {
        #expect(throws: ConfigurationError.self) { try TaskSpec(.divide, modulus: 30).allExamples() }
        do {
            _ = try TaskSpec(.divide, modulus: 30).allExamples()
        } catch let error as ConfigurationError {
            #expect(error.option == "modulus")
            #expect(error.description.contains("prime"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: Never.self) { try TaskSpec(.multiply, modulus: 30).allExamples() }
    }

    @Test(arguments: [0.0, 1.0, -0.5, 1.5])
    func trainFractionOutsideTheOpenIntervalIsRejected(_ fraction: Double) {
        var generator = SplitMix64(seed: 0)
        #expect(
            throws: ConfigurationError(
                option: "train-fraction", problem: "is \(fraction); it must lie strictly between 0 and 1",
                fix: "use e.g. 0.8 (80% train, 20% test)")
        ) {
            try Dataset(task: TaskSpec(.add, modulus: 31), trainFraction: fraction, generator: &generator)
        }
    }

    @Test func splitIsSeededAndDisjoint() throws {
        var first = SplitMix64(seed: 9)
        var again = SplitMix64(seed: 9)
        var other = SplitMix64(seed: 10)
        let task = TaskSpec(.add, modulus: 31)
        let a = try Dataset(task: task, trainFraction: 0.8, generator: &first)
        let b = try Dataset(task: task, trainFraction: 0.8, generator: &again)
        let c = try Dataset(task: task, trainFraction: 0.8, generator: &other)
        #expect(a.train.count == 768 && a.test.count == 193)
        #expect(a.train == b.train)
        #expect(a.train != c.train)
        #expect(Set(a.train).isDisjoint(with: Set(a.test)))
        #expect(Set(a.train).union(a.test) == Set(a.all))
    }

    @Test func presetsValidateAndUnknownNamesAreExplained() throws {
        for preset in TrainingPreset.allCases { try preset.configuration.validate() }
        #expect(throws: ConfigurationError.self) { try TrainingPreset.named("paper-mul") }
        let add = TrainingPreset.paperAdd.configuration
        #expect(add.modelShape.summary == "64→100→100→31 silu, emb 32")
        #expect(
            add.optimizer == AdamWOptions(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.2)
        )
    }
}
