def seed(council):
    return None
