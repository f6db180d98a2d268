namespace CleanChat.Domain.Chats;

public enum MessageType
{
    Text = 1,
    Image = 2,
    Voice = 3,
    File = 4,

    /// <summary>Written by the service itself (never accepted from a participant).</summary>
    System = 5,
}
