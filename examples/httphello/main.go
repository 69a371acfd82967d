// Command httphello serves "hello, world\n" with net/http on a netkit
// listener (-impl netkit, the default) or on a standard library listener
// (-impl std), so that the two can be loaded side by side, for example with
// wrk (scripts/bench-http.sh does this for make bench).
//
// The first line printed on stdout is the bound address, so a script can
// start it on port 0 and read where to connect:
//
//	go run ./httphello -impl netkit -addr 127.0.0.1:0
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/conn"
)

// hello is the whole response body.
const hello = "hello, world\n"

func main() {
	impl := flag.String("impl", "netkit", "listener implementation: netkit or std")
	address := flag.String("addr", "127.0.0.1:0", "address to listen on (loopback by default)")
	flag.Parse()

	ln, err := listen(*impl, *address)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr().String())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, ln); err != nil {
		log.Fatal(err)
	}
}

// listen opens a TCP listener with the chosen implementation.
func listen(impl, address string) (net.Listener, error) {
	switch impl {
	case "netkit":
		return conn.Listen("tcp", address)
	case "std":
		return net.Listen("tcp", address)
	}
	return nil, fmt.Errorf("httphello: unknown -impl %q (want netkit or std)", impl)
}

// handler answers every request with the hello body.
func handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, hello)
	})
}

// serve runs the HTTP server on ln until ctx is done, then shuts it down,
// giving requests in flight up to two seconds.
func serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
