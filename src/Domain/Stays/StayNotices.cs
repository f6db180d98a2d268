using System.Globalization;

namespace CleanChat.Domain.Stays;

/// <summary>What the service tells a guest in the stay's conversation, as system messages.</summary>
public static class StayNotices
{
    public static string Welcome(string? guestName, Stay stay) => string.Create(CultureInfo.InvariantCulture,
        $"Welcome{(string.IsNullOrWhiteSpace(guestName) ? string.Empty : ", " + guestName.Trim())}! Your room is {stay.RoomNumber}, from {stay.CheckIn:yyyy-MM-dd} to {stay.CheckOut:yyyy-MM-dd}. Write here whenever you need anything.");

    public static string RoomChanged(string previousRoom, Stay stay) =>
        $"Your room has changed from {previousRoom} to {stay.RoomNumber}.";

    public const string CheckedOut = "You have checked out. Thank you for staying with us! This conversation stays here to read.";
}
