import Testing
@Test func placeholderMemories() { #expect(true) }
