"""gdb_remote.py: the few GDB remote-protocol packets that time a boot through QEMU's gdb stub.

The gdb program cannot say when a breakpoint was hit; speaking the protocol
here lets boot_timing.py take the host's clock the moment QEMU reports a
stop. QEMU's stub (`qemu.Machine(gdb=True)`: a Unix socket, the machine
paused at the reset vector) answers each packet with one reply; "c" is
answered only when the machine stops again.

A packet is `$DATA#CC`, CC the sum of DATA's bytes modulo 256 in hex; each
side acknowledges a packet with `+`. Used here (GDB manual, "Packets"):
  ?                  why the machine is stopped (the first thing a client asks)
  Z1,ADDR,1 / z1     set / clear a hardware breakpoint (x86 kind 1)
  Z2,ADDR,LEN        set a write watchpoint
  c                  continue until the next stop
  mADDR,LEN          read memory, answered in hex
A stop is answered "T" or "S" and a signal number; "W" or "X" means the
machine is gone. These replies are plain text or hex, which QEMU sends
neither escaped nor run-length encoded, so neither is decoded here.
"""

import socket
import time

ACK = b"+"
PACKET_START = b"$"
CHECKSUM_MARK = b"#"
CHECKSUM_DIGITS = 2
STOP_REPLIES = ("T", "S")
X86_BREAKPOINT_KIND = 1
RECEIVE_BYTES = 4096    # read from the socket at a time; replies here are shorter


class GdbRemoteError(Exception):
    """The stub refused a packet, went away, or did not answer in time."""


class GdbRemote:
    """A connection to one gdb stub; use as a context manager."""

    def __init__(self, socket_path, timeout):
        """Connects to the stub's Unix socket, which exists once QEMU answers
        QMP (qemu.Machine waits for that); `timeout` bounds every wait for a
        reply, a stop included."""
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(socket_path)
        self.sock.settimeout(timeout)
        self.received = b""
        self.command("?")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.sock.close()

    def _byte(self):
        if not self.received:
            try:
                self.received = self.sock.recv(RECEIVE_BYTES)
            except socket.timeout:
                raise GdbRemoteError("the gdb stub did not answer in time") from None
            if not self.received:
                raise GdbRemoteError("the gdb stub closed the connection (QEMU exited?)")
        byte, self.received = self.received[:1], self.received[1:]
        return byte

    def send(self, data):
        """Sends one packet and waits for its acknowledgement."""
        payload = data.encode()
        self.sock.sendall(PACKET_START + payload + CHECKSUM_MARK
                          + b"%02x" % (sum(payload) % 256))
        while self._byte() != ACK:
            pass

    def reply(self):
        """The next packet from the stub, acknowledged, as text."""
        while self._byte() != PACKET_START:
            pass
        data = b""
        while (byte := self._byte()) != CHECKSUM_MARK:
            data += byte
        for _ in range(CHECKSUM_DIGITS):
            self._byte()
        self.sock.sendall(ACK)
        return data.decode()

    def command(self, data):
        self.send(data)
        return self.reply()

    def _expect_ok(self, data):
        answer = self.command(data)
        if answer != "OK":
            raise GdbRemoteError(f"the gdb stub answered {data!r} with {answer!r}")

    def break_at(self, address):
        self._expect_ok(f"Z1,{address:x},{X86_BREAKPOINT_KIND}")

    def clear_break(self, address):
        self._expect_ok(f"z1,{address:x},{X86_BREAKPOINT_KIND}")

    def watch_writes(self, address, length):
        self._expect_ok(f"Z2,{address:x},{length:x}")

    def clear_watch(self, address, length):
        self._expect_ok(f"z2,{address:x},{length:x}")

    def detach(self):
        """Lets the machine run on by itself, as gdb's `detach` does."""
        self._expect_ok("D")

    def run_until_stop(self):
        """Continues the machine; returns the seconds it ran until it stopped."""
        started = time.monotonic()
        self.send("c")
        answer = self.reply()
        ran = time.monotonic() - started
        if not answer.startswith(STOP_REPLIES):
            raise GdbRemoteError(f"the machine did not stop but ended: {answer!r}")
        return ran

    def read_memory(self, address, size):
        return bytes.fromhex(self.command(f"m{address:x},{size:x}"))
