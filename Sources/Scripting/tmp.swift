public enum PlaceholderScripting {}
