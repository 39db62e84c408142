using Bunit;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.UI.Components.Controls;
using Dashboard.UI.Model;
using MudBlazor;

namespace Dashboard.UI.Tests.Overview;

public sealed class StateChipTests : UiTestContext
{
    [Theory]
    [InlineData(InstanceState.Running, Color.Success)]
    [InlineData(InstanceState.Failing, Color.Error)]
    [InlineData(InstanceState.Invalid, Color.Warning)]
    [InlineData(InstanceState.Waiting, Color.Info)]
    [InlineData(InstanceState.Disabled, Color.Default)]
    public void Each_instance_state_has_its_colour(InstanceState state, Color expected) =>
        Assert.Equal(expected, StateColors.Of(state));

    [Theory]
    [InlineData(PluginState.Loaded, Color.Success)]
    [InlineData(PluginState.Failed, Color.Error)]
    [InlineData(PluginState.Discovered, Color.Info)]
    [InlineData(PluginState.Unloaded, Color.Default)]
    public void Each_plugin_state_has_its_colour(PluginState state, Color expected) =>
        Assert.Equal(expected, StateColors.Of(state));

    [Fact]
    public void The_chip_names_the_state_in_words_and_wears_its_colour()
    {
        var chip = Render<StateChip>(p => p.Add(c => c.State, InstanceState.Failing));

        var element = chip.Find("[data-testid=state]");
        Assert.Equal("failing", element.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", element.ClassName, StringComparison.Ordinal);
    }
}
