/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS). Small dense problems
 * (a handful of features, thousands of rows), so an exact d × d solve per iteration is cheapest
 * and converges in a few steps. The intercept (column 0) is not penalised. Rows come as one
 * row-major n × d matrix, so a walk-forward refit reuses one buffer instead of n small arrays.
 */
export interface LogisticFit { weights: Float64Array; iterations: number }

/** `rows`: row i is `rows[i * d .. i * d + d]`, for each of the `labels.length` rows (a longer buffer is fine). */
export function fitLogistic(rows: Float64Array, d: number, labels: Uint8Array, lambda: number, start?: Float64Array): LogisticFit {
  const w = start ? Float64Array.from(start) : new Float64Array(d);
  let iterations = 0;
  for (; iterations < 50; iterations++) {
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    for (let i = 0; i < labels.length; i++) {
      const at = i * d;
      let z = 0;
      for (let a = 0; a < d; a++) z += w[a] * rows[at + a];
      const p = sigmoid(z);
      const r = p - labels[i];
      const weight = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < d; a++) {
        const xa = rows[at + a];
        gradient[a] += r * xa;
        for (let b = 0; b <= a; b++) hessian[a * d + b] += weight * xa * rows[at + b];
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = a + 1; b < d; b++) hessian[a * d + b] = hessian[b * d + a];
      if (a > 0) { gradient[a] += lambda * w[a]; hessian[a * d + a] += lambda; }
    }
    const step = solve(hessian, gradient, d);
    let size = 0;
    for (let a = 0; a < d; a++) { w[a] -= step[a]; size = Math.max(size, Math.abs(step[a])); }
    if (size < 1e-9) break;
  }
  return { weights: w, iterations };
}

export function predictLogistic(weights: Float64Array, x: Float64Array): number {
  return sigmoid(dot(weights, x));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is d × d, row-major, copied). */
function solve(matrix: Float64Array, rhs: Float64Array, d: number): Float64Array {
  const a = Float64Array.from(matrix);
  const x = Float64Array.from(rhs);
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r * d + col]) > Math.abs(a[pivot * d + col])) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < d; c++) [a[col * d + c], a[pivot * d + c]] = [a[pivot * d + c], a[col * d + c]];
      [x[col], x[pivot]] = [x[pivot], x[col]];
    }
    const diagonal = a[col * d + col] || 1e-12;
    for (let r = col + 1; r < d; r++) {
      const factor = a[r * d + col] / diagonal;
      if (factor === 0) continue;
      for (let c = col; c < d; c++) a[r * d + c] -= factor * a[col * d + c];
      x[r] -= factor * x[col];
    }
  }
  for (let r = d - 1; r >= 0; r--) {
    let sum = x[r];
    for (let c = r + 1; c < d; c++) sum -= a[r * d + c] * x[c];
    x[r] = sum / (a[r * d + r] || 1e-12);
  }
  return x;
}
