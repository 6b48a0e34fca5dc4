public enum MemoriesSimulatorModule {}
