def sample_state() -> tuple[bool, str]:
    return True, "ok"
