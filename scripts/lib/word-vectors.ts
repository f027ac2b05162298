/**
 * Distributional word classes learned from unlabelled text, for the
 * recognizer's cluster features (scripts/build-clusters.ts writes them).
 *
 * The recipe is the classic count-based one: a word is described by the
 * words around it (left and right, one and two positions away), counts are
 * reweighted by positive pointwise mutual information with context-frequency
 * smoothing (alpha = 0.75), a randomised truncated SVD turns those sparse rows
 * into dense vectors, and spherical k-means groups the vectors into classes at
 * several granularities. Words that fill the same slots ("Mr. ___ said",
 * "in ___ on Monday") land in the same class, so a name never seen in the
 * labelled training data still shares features with names that were.
 *
 * Everything is deterministic: a seeded generator, fixed iteration counts,
 * ties broken by index.
 */
import { seededRandom } from '../../src/nlp/ner/perceptron.js';

/** A sparse matrix in compressed-row form. */
export interface SparseRows {
  readonly rows: number;
  readonly cols: number;
  /** Row r owns entries rowStart[r]..rowStart[r+1]. */
  readonly rowStart: Uint32Array;
  readonly col: Uint32Array;
  readonly value: Float32Array;
}

/** Standard normal draws (Box-Muller) from a uniform generator. */
function gaussian(uniform: () => number): () => number {
  return () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/**
 * Co-occurrence counts from (row, col) pairs packed as `row * cols + col`
 * (the caller keeps `rows * cols` under 2^32): sorted, then run-length counted.
 */
export function countPairs(pairs: Uint32Array, rows: number, cols: number): SparseRows {
  const sorted = pairs.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const rowStart = new Uint32Array(rows + 1);
  const col = new Uint32Array(distinct);
  const value = new Float32Array(distinct);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i]!;
    if (i === 0 || key !== sorted[i - 1]) {
      k++;
      col[k] = key % cols;
      rowStart[Math.floor(key / cols) + 1]!++;
    }
    value[k]!++;
  }
  for (let r = 0; r < rows; r++) rowStart[r + 1]! += rowStart[r]!;
  return { rows, cols, rowStart, col, value };
}

/**
 * Positive PMI: max(0, log(p(w,c) / (p(w) p_alpha(c)))), where the context
 * distribution is raised to `alpha` and renormalised, which keeps rare
 * contexts from dominating (Levy, Goldberg and Dagan 2015).
 */
export function ppmi(counts: SparseRows, alpha = 0.75): SparseRows {
  const rowSum = new Float64Array(counts.rows);
  const colSum = new Float64Array(counts.cols);
  let total = 0;
  for (let r = 0; r < counts.rows; r++) {
    for (let k = counts.rowStart[r]!; k < counts.rowStart[r + 1]!; k++) {
      const v = counts.value[k]!;
      rowSum[r]! += v;
      colSum[counts.col[k]!]! += v;
      total += v;
    }
  }
  let smoothedTotal = 0;
  const colSmoothed = colSum.map((c) => Math.pow(c, alpha));
  for (const c of colSmoothed) smoothedTotal += c;
  const value = new Float32Array(counts.value.length);
  for (let r = 0; r < counts.rows; r++) {
    for (let k = counts.rowStart[r]!; k < counts.rowStart[r + 1]!; k++) {
      const pmi = Math.log((counts.value[k]! / total) / ((rowSum[r]! / total) * (colSmoothed[counts.col[k]!]! / smoothedTotal)));
      value[k] = pmi > 0 ? pmi : 0;
    }
  }
  return { ...counts, value };
}

/** Y = M X for dense X (cols x k, row-major): Y is rows x k. */
function multiply(m: SparseRows, x: Float64Array, k: number): Float64Array {
  const y = new Float64Array(m.rows * k);
  for (let r = 0; r < m.rows; r++) {
    const yo = r * k;
    for (let e = m.rowStart[r]!; e < m.rowStart[r + 1]!; e++) {
      const v = m.value[e]!;
      if (v === 0) continue;
      const xo = m.col[e]! * k;
      for (let j = 0; j < k; j++) y[yo + j]! += v * x[xo + j]!;
    }
  }
  return y;
}

/** Z = M^T Y for dense Y (rows x k): Z is cols x k. */
function multiplyTransposed(m: SparseRows, y: Float64Array, k: number): Float64Array {
  const z = new Float64Array(m.cols * k);
  for (let r = 0; r < m.rows; r++) {
    const yo = r * k;
    for (let e = m.rowStart[r]!; e < m.rowStart[r + 1]!; e++) {
      const v = m.value[e]!;
      if (v === 0) continue;
      const zo = m.col[e]! * k;
      for (let j = 0; j < k; j++) z[zo + j]! += v * y[yo + j]!;
    }
  }
  return z;
}

/** Orthonormalise the k columns of an n x k row-major matrix in place (modified Gram-Schmidt, twice for stability). */
export function orthonormalise(a: Float64Array, n: number, k: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += a[i * k + j]! * a[i * k + p]!;
        for (let i = 0; i < n; i++) a[i * k + j]! -= dot * a[i * k + p]!;
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += a[i * k + j]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < n; i++) a[i * k + j]! /= norm;
    }
  }
}

/**
 * Eigen-decomposition of a symmetric k x k matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as
 * columns of a row-major k x k matrix.
 */
export function symmetricEigen(input: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => a[y * k + y]! - a[x * k + x]! || x - y);
  const values = Float64Array.from(order, (i) => a[i * k + i]!);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => {
    for (let r = 0; r < k; r++) vectors[r * k + dst] = v[r * k + src]!;
  });
  return { values, vectors };
}

/**
 * Rank-`dims` embedding of the rows of `m` by randomised SVD (Halko,
 * Martinsson and Tropp 2011) with `powerIterations` subspace iterations:
 * row r becomes U_r * S^exponent, then unit length. Returns rows x dims, row-major.
 */
export function embedRows(m: SparseRows, dims: number, seed: number, powerIterations = 2, exponent = 0.5): Float32Array {
  const k = dims + 10;
  const normal = gaussian(seededRandom(seed));
  const omega = Float64Array.from({ length: m.cols * k }, normal);
  let q = multiply(m, omega, k);
  orthonormalise(q, m.rows, k);
  for (let it = 0; it < powerIterations; it++) {
    const z = multiplyTransposed(m, q, k);
    orthonormalise(z, m.cols, k);
    q = multiply(m, z, k);
    orthonormalise(q, m.rows, k);
  }
  // B = Q^T M (k x cols); B B^T = U_B S^2 U_B^T; M ~ Q U_B S V^T.
  const bt = multiplyTransposed(m, q, k); // cols x k, i.e. B transposed
  const gram = new Float64Array(k * k);
  for (let c = 0; c < m.cols; c++) {
    const o = c * k;
    for (let i = 0; i < k; i++) {
      const bi = bt[o + i]!;
      if (bi === 0) continue;
      for (let j = i; j < k; j++) gram[i * k + j]! += bi * bt[o + j]!;
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) gram[i * k + j] = gram[j * k + i]!;
  const { values, vectors } = symmetricEigen(gram, k);
  const weight = Float64Array.from({ length: dims }, (_, j) => Math.pow(Math.sqrt(Math.max(values[j]!, 0)), exponent));
  const out = new Float32Array(m.rows * dims);
  for (let r = 0; r < m.rows; r++) {
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += q[r * k + i]! * vectors[i * k + j]!;
      s *= weight[j]!;
      out[r * dims + j] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dims; j++) out[r * dims + j]! /= norm;
  }
  return out;
}

/**
 * Spherical k-means (cosine similarity) over unit rows. Centres start at
 * `clusters` distinct rows drawn by the seeded generator from the first
 * `initialPool` rows (callers order rows by frequency, so centres start at
 * well-estimated words); a centre that loses all its rows keeps its place.
 * Returns each row's cluster.
 */
export function sphericalKMeans(vectors: Float32Array, dims: number, clusters: number, seed: number, iterations = 12, initialPool = vectors.length / dims): Uint16Array {
  const n = vectors.length / dims;
  if (clusters > 65535) throw new Error('sphericalKMeans: at most 65535 clusters');
  const pool = Math.min(Math.max(initialPool, clusters), n);
  const uniform = seededRandom(seed);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(clusters, pool)) chosen.add(Math.floor(uniform() * pool));
  const centres = new Float32Array(clusters * dims);
  [...chosen].forEach((row, c) => centres.set(vectors.subarray(row * dims, row * dims + dims), c * dims));
  const assignment = new Uint16Array(n);
  const sums = new Float64Array(clusters * dims);
  for (let it = 0; it < iterations; it++) {
    for (let r = 0; r < n; r++) {
      const ro = r * dims;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < clusters; c++) {
        const co = c * dims;
        let s = 0;
        for (let j = 0; j < dims; j++) s += vectors[ro + j]! * centres[co + j]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assignment[r] = best;
    }
    sums.fill(0);
    for (let r = 0; r < n; r++) {
      const co = assignment[r]! * dims;
      const ro = r * dims;
      for (let j = 0; j < dims; j++) sums[co + j]! += vectors[ro + j]!;
    }
    for (let c = 0; c < clusters; c++) {
      let norm = 0;
      for (let j = 0; j < dims; j++) norm += sums[c * dims + j]! ** 2;
      if (norm === 0) continue;
      norm = Math.sqrt(norm);
      for (let j = 0; j < dims; j++) centres[c * dims + j] = sums[c * dims + j]! / norm;
    }
  }
  return assignment;
}
