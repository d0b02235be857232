print("grokscope: not wired yet")
