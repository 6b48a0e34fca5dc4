public enum MemoriesClientModule {}
