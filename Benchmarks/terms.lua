-- terms.lua: the corpus load plus one count of abstract terms; the benchmark subtracts the load.
-- With params.measure set, it prints the abstract bytes instead (the denominator of the rate).
if params.measure then
  local bytes = 0
  for doc in corpus:documents() do bytes = bytes + #(doc.abstract or "") end
  print(bytes)
else
  corpus:terms{field = "abstract", stopwords = "en"}
end
