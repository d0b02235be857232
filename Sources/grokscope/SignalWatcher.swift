import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP into a callback on a dispatch queue (not in signal-handler context),
/// for headless runs: the handler asks the trainer to stop, the main thread finishes the step, writes
/// the log's last line and a checkpoint, and exits with 128 + the signal.
final class SignalWatcher {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32?

    /// The first signal received, if any.
    var signal: Int32? { lock.withLock { received } }

    init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP], onSignal: @escaping (Int32) -> Void) {
        for sig in signals {
            Foundation.signal(sig, SIG_IGN)  // dispatch sources only see signals the process ignores
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let first = self.lock.withLock { () -> Bool in
                    if self.received == nil {
                        self.received = sig
                        return true
                    }
                    return false
                }
                if first { onSignal(sig) } else { exit(128 + sig) }  // a second signal: stop now
            }
            source.resume()
            sources.append(source)
        }
    }
}
