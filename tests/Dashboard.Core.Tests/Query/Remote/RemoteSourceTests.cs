namespace Dashboard.Core.Tests.Query.Remote;

/// <summary>The tests sharing one <see cref="RemoteSourceFixture"/>.</summary>
[CollectionDefinition(RemoteSourceFixture.Collection)]
public sealed class RemoteSourceTests : ICollectionFixture<RemoteSourceFixture>;
