"""quotelens benchmarks: ``python -m bench`` (``make bench``) writes bench/results.json and RESULTS.md."""
