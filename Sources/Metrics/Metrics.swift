// Placeholder: the Metrics module is being built (see README.md of this folder once it lands).
enum MetricsModule {}
