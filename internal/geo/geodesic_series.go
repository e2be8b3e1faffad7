package geo

// The series expansions of Karney, "Algorithms for geodesics" (J. Geodesy
// 87, 43-55, 2013), carried to order 6 in the third flattening n and in
// eps = (sqrt(1+k²)-1)/(sqrt(1+k²)+1), k = e' cos(alpha0). The coefficients
// are exact rationals (Go evaluates the constant quotients exactly and rounds
// once). They were derived anew with rational arithmetic, expanding the
// integrands I1, I2, I3 and I4 of the paper (sections 3, 5 and 6) and
// reverting the I1 series, and agree with the series the paper prints.
//
// The single-variable series C1, C1' and C2 have the form
// C_l(eps) = eps^l * (t0 + t1 eps² + t2 eps⁴ + ...); the tables hold t0, t1, ...

// geodesicOrder is the number of terms kept in each trigonometric series.
const geodesicOrder = 6

// c1Table gives C1l, the coefficients of the distance integral I1.
var c1Table = [geodesicOrder][]float64{
	{-1.0 / 2, 3.0 / 16, -1.0 / 32},
	{-1.0 / 16, 1.0 / 32, -9.0 / 2048},
	{-1.0 / 48, 3.0 / 256},
	{-5.0 / 512, 3.0 / 512},
	{-7.0 / 1280},
	{-7.0 / 2048},
}

// c1pTable gives C1'l, the coefficients of the reverted series that
// turns a scaled distance back into an arc length.
var c1pTable = [geodesicOrder][]float64{
	{1.0 / 2, -9.0 / 32, 205.0 / 1536},
	{5.0 / 16, -37.0 / 96, 1335.0 / 4096},
	{29.0 / 96, -75.0 / 128},
	{539.0 / 1536, -2391.0 / 2560},
	{3467.0 / 7680},
	{38081.0 / 61440},
}

// c2Table gives C2l, the coefficients of I2, used for the reduced length
// (section 5).
var c2Table = [geodesicOrder][]float64{
	{1.0 / 2, 1.0 / 16, 1.0 / 32},
	{3.0 / 16, 1.0 / 32, 35.0 / 2048},
	{5.0 / 48, 5.0 / 256},
	{35.0 / 512, 7.0 / 512},
	{63.0 / 1280},
	{77.0 / 2048},
}

// a3Table gives A3, the secular part of the longitude integral I3: a3Table[j] is the coefficient of eps^j as a
// polynomial in n, lowest power first.
var a3Table = [geodesicOrder][]float64{
	{1},
	{-1.0 / 2, 1.0 / 2},
	{-1.0 / 4, -1.0 / 8, 3.0 / 8},
	{-1.0 / 16, -3.0 / 16, -1.0 / 16},
	{-3.0 / 64, -1.0 / 32},
	{-3.0 / 128},
}

// c3Table gives C3l for l = 1..5, the periodic part of I3: c3Table[l-1][j] is the
// coefficient of eps^j as a polynomial in n.
var c3Table = [geodesicOrder - 1][geodesicOrder][]float64{
	{1: {1.0 / 4, -1.0 / 4}, 2: {1.0 / 8, 0, -1.0 / 8}, 3: {3.0 / 64, 3.0 / 64, -1.0 / 64}, 4: {5.0 / 128, 1.0 / 64}, 5: {3.0 / 128}},
	{2: {1.0 / 16, -3.0 / 32, 1.0 / 32}, 3: {3.0 / 64, -1.0 / 32, -3.0 / 64}, 4: {3.0 / 128, 1.0 / 128}, 5: {5.0 / 256}},
	{3: {5.0 / 192, -3.0 / 64, 5.0 / 192}, 4: {3.0 / 128, -5.0 / 192}, 5: {7.0 / 512}},
	{4: {7.0 / 512, -7.0 / 256}, 5: {7.0 / 512}},
	{5: {21.0 / 2560}},
}

// c4Table gives C4l for l = 0..5, the coefficients of the area integral I4
// (section 6): c4Table[l][j] is the coefficient of eps^j as a polynomial in n.
var c4Table = [geodesicOrder][geodesicOrder][]float64{
	{
		{2.0 / 3, -4.0 / 15, 8.0 / 105, 4.0 / 315, 16.0 / 3465, 20.0 / 9009},
		{-1.0 / 5, 16.0 / 35, -32.0 / 105, 16.0 / 385, 64.0 / 15015},
		{-2.0 / 105, -32.0 / 315, 1088.0 / 3465, -1184.0 / 5005},
		{11.0 / 315, -368.0 / 3465, -32.0 / 6435},
		{4.0 / 1155, 1088.0 / 45045},
		{97.0 / 15015},
	},
	{
		1: {1.0 / 45, -16.0 / 315, 32.0 / 945, -16.0 / 3465, -64.0 / 135135},
		2: {-2.0 / 105, 64.0 / 945, -128.0 / 1485, 1984.0 / 45045},
		3: {-1.0 / 105, 16.0 / 2079, 5792.0 / 135135},
		4: {4.0 / 1155, -2944.0 / 135135},
		5: {1.0 / 9009},
	},
	{
		2: {4.0 / 525, -32.0 / 1575, 64.0 / 3465, -32.0 / 5005},
		3: {-8.0 / 1575, 128.0 / 5775, -256.0 / 6825},
		4: {-8.0 / 1925, 1856.0 / 225225},
		5: {8.0 / 10725},
	},
	{
		3: {8.0 / 2205, -256.0 / 24255, 512.0 / 45045},
		4: {-16.0 / 8085, 1024.0 / 105105},
		5: {-136.0 / 63063},
	},
	{
		4: {64.0 / 31185, -512.0 / 81081},
		5: {-128.0 / 135135},
	},
	{
		5: {128.0 / 99099},
	},
}

// polyval evaluates c[0] + c[1] x + c[2] x² + ... by Horner's rule.
func polyval(c []float64, x float64) float64 {
	y := 0.0
	for i := len(c) - 1; i >= 0; i-- {
		y = y*x + c[i]
	}
	return y
}

// evenSeries fills out[1..6] with eps^l * polyval(table[l-1], eps²).
func evenSeries(table *[geodesicOrder][]float64, eps float64, out *[geodesicOrder + 1]float64) {
	eps2 := eps * eps
	d := eps
	for l := 1; l <= geodesicOrder; l++ {
		out[l] = d * polyval(table[l-1], eps2)
		d *= eps
	}
}

// a1m1 returns A1 - 1: A1 = (1 + eps²/4 + eps⁴/64 + eps⁶/256)/(1 - eps).
func a1m1(eps float64) float64 {
	eps2 := eps * eps
	t := eps2 * (1.0/4 + eps2*(1.0/64+eps2/256))
	return (t + eps) / (1 - eps)
}

// a2m1 returns A2 - 1: A2 = (1 - eps)(1 + eps²/4 + 9 eps⁴/64 + 25 eps⁶/256).
func a2m1(eps float64) float64 {
	eps2 := eps * eps
	t := eps2 * (1.0/4 + eps2*(9.0/64+eps2*25/256))
	return t - eps*(1+t)
}

// sinSeries returns the sum over l = 1..len(c)-1 of c[l] sin(2 l x), given
// sin x and cos x, by Clenshaw summation; c[0] is not used.
func sinSeries(sinx, cosx float64, c []float64) float64 {
	ar := 2 * (cosx - sinx) * (cosx + sinx) // 2 cos 2x
	var b1, b2 float64
	for l := len(c) - 1; l >= 1; l-- {
		b1, b2 = c[l]+ar*b1-b2, b1
	}
	return 2 * sinx * cosx * b1
}

// cosOddSeries returns the sum over l = 0..len(c)-1 of c[l] cos((2l+1) x),
// given sin x and cos x, by Clenshaw summation.
func cosOddSeries(sinx, cosx float64, c []float64) float64 {
	ar := 2 * (cosx - sinx) * (cosx + sinx)
	var b1, b2 float64
	for l := len(c) - 1; l >= 0; l-- {
		b1, b2 = c[l]+ar*b1-b2, b1
	}
	return cosx * (b1 - b2)
}
