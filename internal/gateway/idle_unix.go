//go:build linux || darwin || freebsd || netbsd || openbsd

package gateway

import (
	"crypto/tls"
	"errors"
	"net"
	"syscall"
)

// closedByPeer reports whether the upstream closed c, or sent something
// on it, while it sat idle: a non-blocking peek at the socket (net/http's
// Transport learns the same from the reader goroutine it keeps on every
// connection).
func closedByPeer(c net.Conn) bool {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	quiet := false
	var b [1]byte
	err = raw.Read(func(fd uintptr) bool {
		_, _, perr := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		quiet = errors.Is(perr, syscall.EAGAIN) || errors.Is(perr, syscall.EWOULDBLOCK)
		return true
	})
	return err != nil || !quiet
}
