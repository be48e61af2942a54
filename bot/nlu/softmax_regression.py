"""Multinomial logistic regression over a dense block and a sparse block of features, kept apart.

The intent model's features are a sentence embedding (768 dense numbers) and character n-grams (about
20,000 sparse ones). scikit-learn's LogisticRegression needs them as one matrix, so the dense block was
stored as sparse, and every L-BFGS step multiplied through 6 million stored "non-zeros" one by one: 58 s of
a 3.5-minute training. Here the dense block goes through BLAS and the sparse block through its own
matrix, with the transposes made once. The objective is scikit-learn's (1.1) for `LogisticRegression(C,
class_weight)` with the lbfgs solver: the weighted sum of each example's softmax loss plus half of 1/C times
the squared weights (not the intercepts), minimised by scipy's L-BFGS-B with the same tolerance. It is
convex, so both reach the same model within that tolerance (tests/nlu/test_softmax_regression.py).

The two sparse products are most of the time (about 30 of a 55-s fit on 9,000 examples); scipy runs each in
one thread with Python's lock released, so they are cut into row blocks and run on `threads` threads, with
BLAS held to one thread meanwhile (55 s -> 43 s on 2 cores). Each row's sum is the same arithmetic either
way; the model differs from a one-thread fit only by BLAS's rounding, as any change of BLAS threads does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from scipy.special import logsumexp
from threadpoolctl import threadpool_limits


class _RowBlocks:
    """A CSR matrix cut into row blocks whose products with a dense matrix run on a thread pool."""

    def __init__(self, matrix: csr_matrix, pool: ThreadPoolExecutor | None, blocks: int):
        step = -(-matrix.shape[0] // max(blocks, 1)) or 1
        self.pool = pool
        self.blocks = [matrix[i : i + step] for i in range(0, matrix.shape[0], step)] or [matrix]

    def __matmul__(self, other: np.ndarray) -> np.ndarray:
        if self.pool is None or len(self.blocks) == 1:
            return np.vstack([block @ other for block in self.blocks])
        return np.vstack(list(self.pool.map(lambda block: block @ other, self.blocks)))


def default_threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class SoftmaxRegression:
    def __init__(
        self,
        c: float = 1.0,
        class_weight: str | None = None,
        max_iter: int = 3000,
        tol: float = 1e-4,
        threads: int | None = None,
    ):
        self.c = c
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.tol = tol
        self.threads = threads

    def _sample_weights(self, y: np.ndarray, n_classes: int) -> np.ndarray:
        if self.class_weight is None:
            return np.ones(len(y))
        if self.class_weight != "balanced":
            raise ValueError(f"class_weight must be None or 'balanced', not {self.class_weight!r}")
        per_class = len(y) / (n_classes * np.bincount(y, minlength=n_classes))
        return per_class[y]

    def fit(self, dense: np.ndarray, sparse: csr_matrix | None, labels: Sequence[str]) -> SoftmaxRegression:
        self.classes_ = np.array(sorted(set(labels)))
        y = np.searchsorted(self.classes_, np.asarray(labels))
        n, k = len(y), len(self.classes_)
        dense = np.asarray(dense, dtype=np.float64)
        sparse = csr_matrix((n, 0)) if sparse is None else csr_matrix(sparse, dtype=np.float64)
        dense_t = np.ascontiguousarray(dense.T)
        d_dense, d_sparse = dense.shape[1], sparse.shape[1]
        weights = self._sample_weights(y, k)
        one_hot = np.zeros((n, k))
        one_hot[np.arange(n), y] = 1.0
        alpha = 1.0 / self.c

        def unpack(w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            w_dense = w[: d_dense * k].reshape(d_dense, k)
            w_sparse = w[d_dense * k : (d_dense + d_sparse) * k].reshape(d_sparse, k)
            return w_dense, w_sparse, w[(d_dense + d_sparse) * k :]

        def loss_and_gradient(w: np.ndarray) -> tuple[float, np.ndarray]:
            w_dense, w_sparse, intercept = unpack(w)
            scores = dense @ w_dense + sparse_rows @ w_sparse + intercept
            log_norm = logsumexp(scores, axis=1)
            loss = float(weights @ (log_norm - scores[np.arange(n), y]))
            loss += 0.5 * alpha * (float(np.vdot(w_dense, w_dense)) + float(np.vdot(w_sparse, w_sparse)))
            residual = weights[:, None] * (np.exp(scores - log_norm[:, None]) - one_hot)
            gradient = np.concatenate(
                [
                    (dense_t @ residual + alpha * w_dense).ravel(),
                    (sparse_t @ residual + alpha * w_sparse).ravel(),
                    residual.sum(axis=0),
                ]
            )
            return loss, gradient

        start = np.zeros((d_dense + d_sparse + 1) * k)
        threads = self.threads or default_threads()
        with ExitStack() as resources:  # the pool is shut down and BLAS's threads restored, whatever happens
            pool = resources.enter_context(ThreadPoolExecutor(threads)) if threads > 1 else None
            if pool is not None:
                # BLAS's own threads would spin on the second core while the sparse products want it (55 s -> 43 s).
                resources.enter_context(threadpool_limits(1, user_api="blas"))
            # read by loss_and_gradient
            sparse_t = _RowBlocks(sparse.T.tocsr(), pool, threads)
            sparse_rows = _RowBlocks(sparse, pool, threads)
            result = minimize(
                loss_and_gradient,
                start,
                method="L-BFGS-B",
                jac=True,
                options={"gtol": self.tol, "maxiter": self.max_iter},
            )
        self.n_iter_ = int(result.nit)
        self.dense_coef_, self.sparse_coef_, self.intercept_ = (np.array(part) for part in unpack(result.x))
        return self

    def predict_proba(self, dense: np.ndarray, sparse: csr_matrix | None) -> np.ndarray:
        """Shape (len(dense), len(self.classes_)); each row sums to 1."""
        scores = np.einsum("nd,dk->nk", np.asarray(dense, dtype=np.float64), self.dense_coef_) + self.intercept_
        if sparse is not None and sparse.shape[1]:
            scores += sparse @ self.sparse_coef_
        return np.exp(scores - logsumexp(scores, axis=1)[:, None])
