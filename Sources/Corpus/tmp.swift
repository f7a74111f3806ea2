public enum PlaceholderCorpus {}
