import Foundation
import Glibc
import Publishing
import Snapshots
import Testing

@Suite struct DescriptorSourceTests {
    @Test func readsAPipeUntilItCloses() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        let source = DescriptorSource(descriptor: fds[0])
        #expect(source.poll().isEmpty, "nothing there: returns at once")
        #expect(source.wait(timeout: 0.01) == false)
        let text = line(sampleHeader) + line(evaluation(0)) + "not json\n" + String(line(evaluation(1)).dropLast())
        _ = text.withCString { write(fds[1], $0, strlen($0)) }
        #expect(source.wait(timeout: 5))
        #expect(source.poll() == [sampleHeader, evaluation(0)])
        #expect(source.status == .live)
        close(fds[1])
        #expect(steps(source.poll()) == [1], "the last line without newline is complete: taken at end of input")
        #expect(source.status == .endOfInput)
        #expect(source.readinessDescriptor == nil)
        #expect(source.diagnostics.skippedLines == 1)
        #expect(source.diagnostics.firstError?.line == 3)
        close(fds[0])
    }
}
