package conn

import (
	"io"
	"net"
	"os"
	"strings"
	"testing"
)

// internalPair returns two connected netkit TCP conns on 127.0.0.1.
func internalPair(t *testing.T) (*TCPConn, *TCPConn) {
	t.Helper()
	ln, err := Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	acc := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		acc <- c
	}()
	d, err := Dial("tcp4", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	a := <-acc
	if a == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { d.Close(); a.Close() })
	return d.(*TCPConn), a.(*TCPConn)
}

// TestSendfileHandled: ReadFrom from a regular file goes through
// sendfile(2), also behind a LimitedReader or a wrapper like os's
// fileWithoutWriteTo; a pipe does not.
func TestSendfileHandled(t *testing.T) {
	c1, c2 := internalPair(t)
	f, err := os.CreateTemp("", "nk-sf")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	f.WriteString(strings.Repeat("x", 10000))
	go io.Copy(io.Discard, c2)

	// wrapped stands for os's fileWithoutWriteTo, which io.Copy passes
	// when it falls back from (*os.File).WriteTo.
	type wrapped struct {
		*os.File
	}
	for _, r := range []io.Reader{f, &io.LimitedReader{R: f, N: 100}, wrapped{f}} {
		f.Seek(0, io.SeekStart)
		n, err, handled := sendFile(c1.fd, r)
		if !handled || err != nil || n == 0 {
			t.Errorf("sendFile(%T) = %d, %v, handled=%v; want data sent by sendfile", r, n, err, handled)
		}
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if _, _, handled := sendFile(c1.fd, pr); handled {
		t.Error("sendFile handled a pipe")
	}
	if _, _, handled := sendFile(c1.fd, strings.NewReader("x")); handled {
		t.Error("sendFile handled a strings.Reader")
	}
}

// TestSpliceHandled: ReadFrom/WriteTo between netkit stream conns go
// through splice(2).
func TestSpliceHandled(t *testing.T) {
	a1, a2 := internalPair(t)
	b1, b2 := internalPair(t)
	go func() {
		a1.Write([]byte("spliced"))
		a1.Close()
	}()
	go io.Copy(io.Discard, b2)
	n, err, handled := spliceFrom(b1.fd, a2)
	if !handled || err != nil || n != 7 {
		t.Errorf("spliceFrom = %d, %v, handled=%v; want 7, nil, true", n, err, handled)
	}
	if _, _, handled := spliceTo(io.Discard, a2.fd); handled {
		t.Error("spliceTo handled io.Discard")
	}
}
