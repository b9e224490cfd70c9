LOADED: list[str] = []


def load_sample_demo(log):
    LOADED.append("sample")
    log("sample demo content")
