import Foundation
import Testing
@testable import KineticsCore

@Suite("One deploy per stack at a time")
struct DeployLockTests {
    static let stack = StackIdentity(name: "shop-dev", region: "eu-west-1", endpoint: "", account: "123456789012")

    @Test("a second deploy of the same stack is refused with an error naming the holder")
    func secondIsRefused() throws {
        let dir = try TemporaryDirectory()
        let first = try DeployLock.acquire(Self.stack, directory: dir.path, sessionId: 7)
        do {
            _ = try DeployLock.acquire(Self.stack, directory: dir.path)
            Issue.record("the second lock was granted")
        } catch {
            #expect(error.code == .stackLocked)
            #expect(error.holder?.pid == getpid())
            #expect(error.holder?.sessionId == 7)
            #expect(error.description.contains("Stack shop-dev is being deployed by another kinetics-tui process (pid \(getpid())"))
        }
        #expect(DeployLock.isHeld(Self.stack, directory: dir.path))
        #expect(DeployLock.currentHolder(Self.stack, directory: dir.path)?.pid == first.holder.pid)
    }

    @Test("releasing the lock lets the next deploy in")
    func release() throws {
        let dir = try TemporaryDirectory()
        var lock: DeployLock? = try DeployLock.acquire(Self.stack, directory: dir.path)
        #expect(lock != nil)
        lock = nil
        #expect(!DeployLock.isHeld(Self.stack, directory: dir.path))
        #expect(DeployLock.currentHolder(Self.stack, directory: dir.path) == nil)
        _ = try DeployLock.acquire(Self.stack, directory: dir.path)
    }

    @Test("an explicit release frees the stack at once, even while a copy of the lock's descriptor is still open")
    func releaseWithCopyOpen() throws {
        let dir = try TemporaryDirectory()
        let lock = try DeployLock.acquire(Self.stack, directory: dir.path)
        // The copy a process started at that moment would inherit until it runs its program.
        let entries = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        let lockFD = try #require(entries.compactMap(Int32.init).first {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == lock.path
        })
        let copy = dup(lockFD)
        try #require(copy >= 0)
        defer { close(copy) }
        lock.release()
        lock.release()
        #expect(!DeployLock.isHeld(Self.stack, directory: dir.path))
        _ = try DeployLock.acquire(Self.stack, directory: dir.path)
    }

    @Test("stacks that differ in name, region, endpoint or account lock independently")
    func independent() throws {
        let dir = try TemporaryDirectory()
        let held = try DeployLock.acquire(Self.stack, directory: dir.path)
        for other in [
            StackIdentity(name: "shop-prod", region: "eu-west-1", account: "123456789012"),
            StackIdentity(name: "shop-dev", region: "us-east-1", account: "123456789012"),
            StackIdentity(name: "shop-dev", region: "eu-west-1", endpoint: "http://127.0.0.1:5000", account: "123456789012"),
            StackIdentity(name: "shop-dev", region: "eu-west-1", account: "999999999999"),
            StackIdentity(name: "../../etc/passwd", region: "eu-west-1"),
        ] {
            let lock = try DeployLock.acquire(other, directory: dir.path)
            #expect(lock.path.hasPrefix(dir.path + "/"))
            #expect(!lock.path.dropFirst(dir.path.count + 1).contains("/"))
        }
        #expect(held.stack == Self.stack)
    }

    @Test("a live process holding the lock blocks the deploy; once it is killed with -9 the lock is free")
    func heldByChildProcess() async throws {
        let dir = try TemporaryDirectory()
        let path = try DeployLock.lockPath(for: Self.stack, directory: dir.path)
        let script = """
            import fcntl, json, os, socket, sys, time
            f = open(sys.argv[1], "a+")
            fcntl.flock(f, fcntl.LOCK_EX)
            f.truncate(0)
            f.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": "2025-03-14T10:02:11Z"}))
            f.flush()
            print("locked", flush=True)
            time.sleep(120)
            """
        let child = try ChildProcess("/usr/bin/env", ["python3", "-c", script, path])
        #expect(try await child.waitForLine { $0 == "locked" } != nil)

        #expect(DeployLock.isHeld(Self.stack, directory: dir.path))
        do {
            _ = try DeployLock.acquire(Self.stack, directory: dir.path)
            Issue.record("granted while another process holds it")
        } catch {
            #expect(error.code == .stackLocked)
            #expect(error.holder?.pid == child.pid)
            #expect(error.description.contains("since 2025-03-14T10:02:11Z"))
        }

        child.killHard()
        #expect(!DeployLock.isHeld(Self.stack, directory: dir.path))
        let lock = try DeployLock.acquire(Self.stack, directory: dir.path)
        #expect(lock.holder.pid == getpid())
    }
}
