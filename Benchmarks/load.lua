-- load.lua: nothing but the corpus load (the benchmark times it to get load throughput).
print(#corpus)
