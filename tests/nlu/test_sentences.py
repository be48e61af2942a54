"""Sentence splitting and sentence-level scoring for long messages (bot.nlu.intent_model)."""

import numpy as np
import pytest

from bot.nlu.intent_model import IntentModel, SentenceConfig, combine_scores, ranking, split_sentences


def test_splits_at_sentence_ends_and_keeps_every_word():
    text = (
        "I've had back pain since 2019. The physio was great! But nobody asked how I was coping? "
        "Now I barely sleep… Is there anything local"
    )
    pieces = split_sentences(text)
    assert pieces == [
        "I've had back pain since 2019.",
        "The physio was great!",
        "But nobody asked how I was coping?",
        "Now I barely sleep…",
        "Is there anything local",
    ]
    assert " ".join(pieces).split() == text.split()


def test_abbreviations_and_quotes_do_not_end_a_sentence_early():
    pieces = split_sentences('I saw Dr. Patel about my neck, e.g. the stiffness. He said "it is stress." So I left the surgery.')
    assert pieces == ["I saw Dr. Patel about my neck, e.g. the stiffness.", 'He said "it is stress."', "So I left the surgery."]


def test_text_speak_without_punctuation_is_one_piece():
    text = "had sciatica 3 yrs now n its wrecked my sleep n my head tbh nobody tells u anything"
    assert split_sentences(text) == [text]


def test_short_pieces_join_their_neighbour():
    assert split_sentences("Hi. Thanks. My back hurts and nobody listens to me.") == [
        "Hi. Thanks. My back hurts and nobody listens to me."
    ]
    assert split_sentences("My back hurts and nobody listens to me. Help!") == ["My back hurts and nobody listens to me. Help!"]


def test_spaced_dashes_and_line_breaks_split():
    assert split_sentences("the GP was kind and listened -- Then the referral got lost\nand nobody rang me back") == [
        "the GP was kind and listened",
        "Then the referral got lost",
        "and nobody rang me back",
    ]


def test_many_sentences_are_merged_into_at_most_max_sentences_chunks():
    text = " ".join(f"This is sentence number {i} of the message." for i in range(20))
    pieces = split_sentences(text, max_sentences=8)
    assert 1 < len(pieces) <= 8
    assert " ".join(pieces).split() == text.split()


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_text_has_no_pieces(text):
    assert split_sentences(text) == []


def test_combine_keeps_the_whole_message_when_there_is_one_sentence_or_none_asked():
    whole = np.array([0.6, 0.3, 0.1])
    assert np.allclose(combine_scores(whole, None, SentenceConfig(combine="max")), whole)
    assert np.allclose(combine_scores(whole, np.array([[0.1, 0.8, 0.1]]), SentenceConfig(combine="max")), whole)
    assert np.allclose(combine_scores(whole, np.array([[0, 1, 0], [0, 1, 0]]), SentenceConfig()), whole)


def test_max_pooling_lets_one_clear_sentence_carry_the_message():
    whole = np.array([0.5, 0.4, 0.1])  # diluted by the story
    sentences = np.array([[0.6, 0.3, 0.1], [0.05, 0.9, 0.05], [0.5, 0.4, 0.1]])
    mixed = combine_scores(whole, sentences, SentenceConfig(combine="max", whole_weight=0.5))
    assert mixed.argmax() == 1
    assert abs(mixed.sum() - 1) < 1e-9


def test_top_k_averages_each_intents_best_sentences():
    sentences = np.array([[0.9, 0.1], [0.2, 0.8], [0.1, 0.9]])
    pooled = combine_scores(np.array([0.5, 0.5]), sentences, SentenceConfig(combine="topk", top_k=2, whole_weight=0.0))
    # intent 0: mean(0.9, 0.2) = 0.55; intent 1: mean(0.9, 0.8) = 0.85; normalised
    assert np.allclose(pooled, np.array([0.55, 0.85]) / 1.4)


def test_unknown_combination_is_refused():
    with pytest.raises(ValueError, match="none, max or topk"):
        combine_scores(np.array([0.5, 0.5]), np.ones((2, 2)) / 2, SentenceConfig(combine="mean"))


def test_ranking_and_probabilities_agree_with_rank():
    texts = ["nowhere to refer", "no local services", "no training", "never trained"] * 3
    labels = ["local", "local", "skills", "skills"] * 3
    emb = np.eye(4)[[0, 1, 2, 3] * 3].astype(np.float32)
    model = IntentModel().fit(texts, emb, labels)
    probabilities = model.probabilities(["no training at all"], np.eye(4)[[2]].astype(np.float32))
    assert probabilities.shape == (1, 2) and abs(probabilities.sum() - 1) < 1e-9
    assert ranking(model.labels, probabilities[0]) == model.rank(["no training at all"], np.eye(4)[[2]].astype(np.float32))[0]
    assert model.probabilities([], np.zeros((0, 4))).shape == (0, 2)
