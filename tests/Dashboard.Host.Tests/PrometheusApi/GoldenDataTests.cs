namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>The tests that share one <see cref="GoldenFixture"/>: Prometheus and our host, started and loaded once.</summary>
[CollectionDefinition(GoldenFixture.Collection)]
public sealed class GoldenDataTests : ICollectionFixture<GoldenFixture>;
