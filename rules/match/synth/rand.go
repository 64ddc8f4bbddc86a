package synth

import (
	"math"
	"math/rand/v2"
	"strings"
)

// rng is the generator's source of randomness with the draws it needs.
type rng struct{ *rand.Rand }

func newRNG(seed uint64) rng { return rng{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

// p is true with probability x.
func (r rng) p(x float64) bool { return r.Float64() < x }

func pick[T any](r rng, xs []T) T { return xs[r.IntN(len(xs))] }

// zipf picks from xs with the first items far more likely, as with surnames and towns.
func zipf[T any](r rng, xs []T) T {
	// Weight 1/(i+1): drawn by inverting the harmonic sum approximately.
	n := float64(len(xs))
	u := r.Float64()
	i := int(expm1(u*logp1(n)) + 0.5)
	if i >= len(xs) {
		i = len(xs) - 1
	}
	return xs[i]
}

func digits(r rng, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// number is a decimal without a leading zero.
func number(r rng, n int) string {
	return string(byte('1'+r.IntN(9))) + digits(r, n-1)
}

// splitmix scrambles an integer, for splits that do not depend on generation order.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// InTrain says whether a group of entities belongs to the training split (about half do).
// Whole groups go one way, so that a family or a company's branches test the model
// together with the records they resemble.
func InTrain(group int32) bool { return splitmix(uint64(group))%2 == 0 }

func logp1(x float64) float64 { return math.Log1p(x) }
func expm1(x float64) float64 { return math.Expm1(x) }
