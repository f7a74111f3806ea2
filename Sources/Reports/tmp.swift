public enum PlaceholderReports {}
