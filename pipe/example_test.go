package pipe_test

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/netkit-go/netkit/pipe"
)

// A Pipe pairs every Write with Reads on the other end.
func ExamplePipe() {
	client, server := pipe.Pipe()
	defer client.Close()

	go func() {
		defer server.Close()
		line, _ := bufio.NewReader(server).ReadString('\n')
		fmt.Fprintf(server, "echo: %s", line)
	}()

	fmt.Fprintln(client, "hello")
	reply, _ := io.ReadAll(client)
	fmt.Print(string(reply))
	fmt.Println(client.LocalAddr().Network(), client.RemoteAddr())
	// Output:
	// echo: hello
	// pipe pipe
}

// A deadline on a Pipe fails the blocked call with a timeout error.
func ExamplePipe_deadline() {
	c1, c2 := pipe.Pipe()
	defer c1.Close()
	defer c2.Close()

	c1.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
	_, err := c1.Read(make([]byte, 1))
	fmt.Println(err)
	// Output:
	// read pipe: i/o timeout
}

// A BufferedPipe lets the writer run ahead of the reader, and the reader
// still gets the buffered bytes after the writer closed.
func ExampleBufferedPipe() {
	w, r := pipe.BufferedPipe(1024)
	fmt.Fprint(w, "written before anyone reads")
	w.Close()
	b, err := io.ReadAll(r)
	fmt.Printf("%q %v\n", b, err)
	r.Close()
	// Output:
	// "written before anyone reads" <nil>
}

// A Listener serves net/http without sockets; the client dials it through
// the Transport's DialContext hook.
func ExampleListener() {
	l := pipe.NewListener("hello.test")
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from %s", r.Host)
	})}
	go srv.Serve(l)
	defer srv.Close()

	tr := &http.Transport{DialContext: l.DialContext}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get("http://hello.test/")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, string(body))
	// Output:
	// 200 OK hello from hello.test
}
