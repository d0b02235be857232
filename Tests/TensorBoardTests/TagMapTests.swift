import Testing

import TensorBoard

@Suite struct TagMapTests {
    @Test(arguments: [
        ("Loss/train", "train_loss"), ("loss/test", "test_loss"), ("train_loss", "train_loss"),
        ("val/loss", "test_loss"), ("Accuracy/train", "train_acc"), ("test/acc", "test_acc"),
        ("epoch_val_accuracy", "test_acc"), ("epoch_loss", "train_loss"), ("loss", "train_loss"),
        ("validation-accuracy", "test_acc"), ("eval.loss", "test_loss"), ("LMN", "lmn"), ("weight_norm", "l2"),
    ])
    func conventionalSpellingsMap(tag: String, series: String) {
        #expect(TagMap.conventionalName(tag) == series)
        #expect(TagMap().target(for: tag).series == series)
    }

    @Test(arguments: ["learning_rate", "grad_norm", "train/test/loss", "loss/acc", "train", "train_loss_ema", ""])
    func otherTagsKeepTheirName(tag: String) {
        #expect(TagMap.conventionalName(tag) == nil)
        #expect(TagMap().target(for: tag).series == tag)
    }

    @Test func explicitMappingsWinAndPercentScales() throws {
        var map = TagMap()
        try map.add("Loss/train=custom")
        try map.add("acc/val=test_acc%")
        #expect(map.target(for: "Loss/train") == TagMap.Target(series: "custom", scale: 1))
        #expect(map.target(for: "acc/val") == TagMap.Target(series: "test_acc", scale: 0.01))
        // A tag that contains '=' keeps it: the last '=' separates.
        try map.add("a=b=c")
        #expect(map.target(for: "a=b").series == "c")
    }

    @Test(arguments: ["", "=x", "x=", "noequals", "x=%"])
    func malformedAssignmentsAreRefused(text: String) {
        var map = TagMap()
        #expect(throws: TagMapError.self) { try map.add(text) }
    }
}
