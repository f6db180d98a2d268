using CleanChat.Application.Chats.Commands.CreateChat;

namespace CleanChat.Application.UnitTests;

/// <summary>A chat is opened with exactly one counterpart: a customer by id or by phone, or a colleague.</summary>
public class CreateChatCommandValidatorTests
{
    private readonly CreateChatCommandValidator _validator = new();

    [Theory]
    [InlineData(5L, null, null)]
    [InlineData(null, null, "+15551234567")]
    [InlineData(null, 7L, null)]
    public void One_counterpart_is_valid(long? customerId, long? userId, string? customerPhone) =>
        _validator.Validate(new CreateChatCommand(customerId, userId, null, null, customerPhone)).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData(null, null, null, "CustomerId")]
    [InlineData(5L, null, "+15551234567", "CustomerPhone")]
    [InlineData(null, 7L, "+15551234567", "UserId")]
    [InlineData(null, null, "", "CustomerPhone")]
    [InlineData(null, null, "+155512345678901234567890123456789", "CustomerPhone")]
    public void None_or_two_counterparts_or_a_bad_phone_are_refused_naming_the_field(long? customerId, long? userId, string? customerPhone, string field)
    {
        var result = _validator.Validate(new CreateChatCommand(customerId, userId, null, null, customerPhone));

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => e.PropertyName).ShouldContain(field);
    }
}
