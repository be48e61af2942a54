"""Multinomial logistic regression over a dense block and a sparse block of features, kept apart.

The intent model's features are a sentence embedding (768 dense numbers) and character n-grams (about
20,000 sparse ones). scikit-learn's LogisticRegression needs them as one matrix, so the dense block was
stored as sparse, and every L-BFGS step multiplied through 6 million stored "non-zeros" one by one: 58 s of
a 3.5-minute training. Here the dense block goes through BLAS and the sparse block through its own
matrix, with the transposes made once. The objective is scikit-learn's (1.1) for `LogisticRegression(C,
class_weight)` with the lbfgs solver: the weighted sum of each example's softmax loss plus half of 1/C times
the squared weights (not the intercepts), minimised by scipy's L-BFGS-B with the same tolerance. It is
convex, so both reach the same model within that tolerance (tests/nlu/test_softmax_regression.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from scipy.special import logsumexp


class SoftmaxRegression:
    def __init__(self, c: float = 1.0, class_weight: str | None = None, max_iter: int = 3000, tol: float = 1e-4):
        self.c = c
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.tol = tol

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
        sparse_t = sparse.T.tocsr()
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
            scores = dense @ w_dense + sparse @ w_sparse + intercept
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
