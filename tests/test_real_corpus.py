"""The core rules on 63 real single-user Dockerfiles (shared/corpus/real) against their labelled findings."""

import importlib.util

from conftest import ROOT, shared_dir


def test_precision_and_recall():
    corpus = shared_dir("corpus", "real")
    spec = importlib.util.spec_from_file_location("corpus_accuracy", ROOT / "benchmarks" / "corpus_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    precision, recall, notes = module.measure(corpus)
    raw_p, raw_r, _ = module.measure(corpus, raw=True)
    print(f"precision {precision:.3f} recall {recall:.3f} (disputed labels counted: {raw_p:.3f} / {raw_r:.3f})")
    assert precision >= 0.95 and recall >= 0.90, "\n".join(notes)
