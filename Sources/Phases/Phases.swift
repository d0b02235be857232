// Placeholder: the Phases module is being built (see README.md of this folder once it lands).
enum PhasesModule {}
