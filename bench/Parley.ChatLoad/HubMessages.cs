namespace Parley.ChatLoad;

// Only the fields the driver reads or sends; the rest of the server's MessageView is ignored.
// Classes with setters so both protocols bind them (JSON by snake_case name, MessagePack by property name).

/// <summary>What the driver sends with <c>SendMessage</c>.</summary>
public sealed class LoadMessage
{
    public string? Plaintext { get; set; }
}

/// <summary>The part of a <c>message.created</c> event (and of the send's reply) the driver reads.</summary>
public sealed class ReceivedMessage
{
    public Guid Id { get; set; }
    public string? Plaintext { get; set; }
}
