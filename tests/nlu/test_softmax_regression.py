"""Our split dense/sparse logistic regression reaches scikit-learn's model (the same objective, convex)."""

import numpy as np
import pytest
from scipy.sparse import csr_matrix, hstack
from scipy.sparse import random as sparse_random
from sklearn.linear_model import LogisticRegression

from bot.nlu.softmax_regression import SoftmaxRegression


def _problem(seed: int = 0, n: int = 300):
    rng = np.random.RandomState(seed)
    labels = rng.choice(["a", "b", "c", "d"], size=n, p=[0.55, 0.25, 0.15, 0.05])
    centres = {label: rng.normal(size=16) for label in "abcd"}
    dense = np.array([centres[label] for label in labels]) + rng.normal(scale=2.0, size=(n, 16))
    sparse = sparse_random(n, 200, density=0.05, random_state=seed, format="csr")
    return dense, sparse, labels


@pytest.mark.parametrize("class_weight", [None, "balanced"])
def test_it_matches_scikit_learns_logistic_regression(class_weight):
    dense, sparse, labels = _problem()
    ours = SoftmaxRegression(c=10, class_weight=class_weight).fit(dense, sparse, labels)
    theirs = LogisticRegression(C=10, class_weight=class_weight, max_iter=3000).fit(
        hstack([csr_matrix(dense), sparse]).tocsr(), labels
    )
    assert list(ours.classes_) == list(theirs.classes_)
    mine = ours.predict_proba(dense, sparse)
    assert np.allclose(mine.sum(axis=1), 1.0)
    assert np.abs(mine - theirs.predict_proba(hstack([csr_matrix(dense), sparse]).tocsr())).max() < 1e-3


def test_class_weights_lift_the_rare_class():
    dense, sparse, labels = _problem(seed=1)
    plain = SoftmaxRegression(c=1).fit(dense, sparse, labels).predict_proba(dense, sparse)[:, 3].mean()
    balanced = SoftmaxRegression(c=1, class_weight="balanced").fit(dense, sparse, labels).predict_proba(dense, sparse)
    assert balanced[:, 3].mean() > plain


def test_dense_features_alone_work_and_an_unknown_weighting_is_refused():
    dense, _, labels = _problem(seed=2)
    model = SoftmaxRegression(c=10).fit(dense, None, labels)
    assert (model.classes_[model.predict_proba(dense, None).argmax(axis=1)] == labels).mean() > 0.7
    with pytest.raises(ValueError, match="class_weight"):
        SoftmaxRegression(class_weight="by magic").fit(dense, None, labels)


def test_the_threaded_sparse_products_give_the_same_model():
    dense, sparse, labels = _problem(seed=2, n=401)  # an odd row count: blocks of unequal size
    one = SoftmaxRegression(c=10, class_weight="balanced", threads=1).fit(dense, sparse, labels)
    three = SoftmaxRegression(c=10, class_weight="balanced", threads=3).fit(dense, sparse, labels)
    assert one.n_iter_ == three.n_iter_
    assert np.allclose(one.sparse_coef_, three.sparse_coef_, rtol=0, atol=1e-12)
    assert np.allclose(one.predict_proba(dense, sparse), three.predict_proba(dense, sparse), rtol=0, atol=1e-12)
