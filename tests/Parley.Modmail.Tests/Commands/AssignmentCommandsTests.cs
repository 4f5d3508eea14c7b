using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary><c>take</c> / <c>release</c>: taking from someone else is refused unless forced (and then the holder is pinged).</summary>
public sealed class AssignmentCommandsTests
{
    [Theory, BothProviders]
    public async Task Take_release_and_taking_over_only_with_force(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);

        Assert.Contains("mod took this ticket.", await desk.RunAsync(desk.ModActor, "take"), StringComparison.Ordinal);
        Assert.Equal(desk.Mod.Id.ToString(), (await desk.TicketAsync()).AssignedTo);
        Assert.Contains("You already hold", await desk.RunAsync(desk.ModActor, "take"), StringComparison.Ordinal);

        // mod2 is refused, with the holder mentioned so they can settle it; nothing changes.
        Assert.Contains("take it over with --force", await desk.RunAsync(desk.Mod2Actor, "take"), StringComparison.Ordinal);
        Assert.Equal([desk.Mod.Id], desk.Channels.LastNotice!.Mention);
        Assert.Equal(desk.Mod.Id.ToString(), (await desk.TicketAsync()).AssignedTo);
        Assert.Contains("release it for them with --force", await desk.RunAsync(desk.Mod2Actor, "release"), StringComparison.Ordinal);
        Assert.Equal(desk.Mod.Id.ToString(), (await desk.TicketAsync()).AssignedTo);

        Assert.Contains("mod2 took this ticket over.", await desk.RunAsync(desk.Mod2Actor, "take", "--force"), StringComparison.Ordinal);
        Assert.Equal(desk.Mod2.Id.ToString(), (await desk.TicketAsync()).AssignedTo);

        Assert.Contains("mod2 released this ticket.", await desk.RunAsync(desk.Mod2Actor, "release"), StringComparison.Ordinal);
        Assert.Null((await desk.TicketAsync()).AssignedTo);
        Assert.Contains("Nobody holds this ticket", await desk.RunAsync(desk.ModActor, "release"), StringComparison.Ordinal);

        // A member of the community who is not staff cannot take it.
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "take"), StringComparison.Ordinal);
        Assert.Null((await desk.TicketAsync()).AssignedTo);
    }
}
