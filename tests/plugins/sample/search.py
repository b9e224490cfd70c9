SAMPLE_SOURCE = {"name": "sample", "description": "what the sample plugin would index"}
