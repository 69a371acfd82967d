package conn

import "io"

// writerOnly hides every method but Write, so that io.Copy does not loop
// back into ReadFrom.
type writerOnly struct{ io.Writer }

// readerOnly hides every method but Read, so that io.Copy does not loop
// back into WriteTo.
type readerOnly struct{ io.Reader }

// genericReadFrom copies r into c with a user-space buffer.
func genericReadFrom(c io.Writer, r io.Reader) (int64, error) {
	return io.Copy(writerOnly{c}, r)
}

// genericWriteTo copies c into w with a user-space buffer (or w's own
// ReadFrom).
func genericWriteTo(c io.Reader, w io.Writer) (int64, error) {
	return io.Copy(w, readerOnly{c})
}
