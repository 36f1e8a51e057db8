"""Developer tools, apart from the product: the synthetic corpus (`ipbench synth`) and the benchmarks (`make bench`)."""
