// Command httpserve serves a directory over HTTP on a netkit listener and
// shuts down gracefully on SIGINT or SIGTERM: it stops accepting, lets
// requests in flight finish (up to -grace), then exits.
//
//	httpserve -addr 127.0.0.1:8080 -dir ./public
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/conn"
)

func main() {
	address := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("dir", ".", "directory to serve")
	grace := flag.Duration("grace", 10*time.Second, "how long requests in flight may take to finish at shutdown")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := conn.Listen("tcp", *address)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("httpserve: serving %s on http://%s/", *dir, ln.Addr())
	if err := serve(ctx, ln, http.FileServer(http.Dir(*dir)), *grace); err != nil {
		log.Fatal(err)
	}
	log.Print("httpserve: shut down cleanly")
}

// serve runs an HTTP server on ln until ctx is done, then shuts it down
// gracefully within grace.
func serve(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
