public enum ShowrunnerModule {}
