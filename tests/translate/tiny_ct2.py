"""A tiny CTranslate2 model built in the test: a hand-set Transformer that copies its input.

It is converted with CTranslate2's own converter API (`Converter._load` returning a
`TransformerSpec`) and paired with a SentencePiece model trained here on a few hundred lines of
WMT newstest2013, so the engine's real loading, tokenising, batch translation and
detokenising code runs with no download. Weights are set, not trained: token embeddings are
one-hot, learned position encodings are one-hot in separate dimensions, and one cross-attention
head attends from decoder position t to encoder position t and writes that source token into
the output projection. The model therefore "translates" any text into itself, deterministically.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

MAX_POSITIONS = 300  # more than the engine's longest decoding (256 tokens)
VOCAB_SIZE = 600


def train_sentencepiece(lines: list[str], prefix: Path) -> Path:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=VOCAB_SIZE,
        model_type="unigram",
        character_coverage=1.0,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def build_copy_model(sp_model: Path, out: Path) -> Path:
    import sentencepiece as spm
    from ctranslate2.converters.converter import Converter
    from ctranslate2.specs import transformer_spec

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    v, p = len(vocab), MAX_POSITIONS
    d = v + p

    def zeros(*shape: int) -> np.ndarray:
        return np.zeros(shape, np.float32)

    def norm(layer) -> None:  # type: ignore[no-untyped-def]
        layer.gamma = np.ones(d, np.float32)
        layer.beta = zeros(d)

    def linear(layer, weight: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        layer.weight = weight
        layer.bias = zeros(weight.shape[0])

    def idle_block(layer) -> None:  # type: ignore[no-untyped-def]
        # Zero self-attention and feed-forward: with pre-norm residuals the block is the identity.
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], zeros(3 * d, d))
        linear(layer.self_attention.linear[1], zeros(d, d))
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, zeros(4, d))
        linear(layer.ffn.linear_1, zeros(d, 4))

    class CopyConverter(Converter):
        def _load(self):  # type: ignore[no-untyped-def]
            spec = transformer_spec.TransformerSpec.from_config(1, 1)
            encoder, decoder = spec.encoder, spec.decoder
            positions = zeros(p, d)
            positions[np.arange(p), v + np.arange(p)] = 1.0
            encoder.scale_embeddings = False
            decoder.scale_embeddings = False
            encoder.embeddings[0].weight = np.eye(v, d, dtype=np.float32)
            encoder.position_encodings.encodings = positions
            decoder.embeddings.weight = zeros(v, d)
            decoder.position_encodings.encodings = positions
            idle_block(encoder.layer[0])
            norm(encoder.layer_norm)
            block = decoder.layer[0]
            idle_block(block)
            norm(block.attention.layer_norm)
            query = zeros(d, d)
            query[v:, v:] = 2.0 * np.eye(p)  # decoder position t ...
            key_value = zeros(2 * d, d)
            key_value[v:d, v:d] = np.eye(p)  # ... matches encoder position t
            key_value[d : d + v, :v] = np.eye(v)  # and reads the token there
            output = zeros(d, d)
            output[:v, :v] = np.eye(v)
            linear(block.attention.linear[0], query)
            linear(block.attention.linear[1], key_value)
            linear(block.attention.linear[2], output)
            norm(decoder.layer_norm)
            projection = zeros(v, d)
            projection[:, :v] = 5.0 * np.eye(v)
            linear(decoder.projection, projection)
            spec.register_source_vocabulary(vocab)
            spec.register_target_vocabulary(vocab)
            spec.config.add_source_eos = True  # the copied </s> ends the output
            return spec

    CopyConverter().convert(str(out), force=True)
    return out
