using Parley.Modmail.Desks;

namespace Parley.Modmail.Transports;

/// <summary>
/// A transport's way to look back (<c>recover</c>): hands the engine every member message of one desk that its medium
/// stored after the transport's cursor and the normal path did not handle (a crash, a failing handler), and moves the
/// cursor. Chat reads the desk bot's DMs, Email the desk's support inboxes; a future Discord transport would read its
/// channels' history. One per transport, named as the transport (<see cref="IMemberTransport.Name"/>). Kept apart from
/// <see cref="IMemberTransport"/> because recovering needs the engine (<c>MemberMessages</c>), which needs the
/// transports: on the transport itself that would be a dependency cycle.
/// </summary>
internal interface ITransportRecovery
{
    /// <summary>The transport's name (<see cref="Tickets.TransportNames"/>).</summary>
    string Name { get; }

    /// <summary>Relays what was missed at <paramref name="desk"/>; answers how many messages were recorded (relayed or opened a ticket).</summary>
    Task<int> RecoverAsync(SupportDesk desk, CancellationToken cancellationToken);
}
