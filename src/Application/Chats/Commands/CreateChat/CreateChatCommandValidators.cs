using CleanChat.Domain.Chats;
using FluentValidation;

namespace CleanChat.Application.Chats.Commands.CreateChat;

public sealed class CreateChatCommandValidator : AbstractValidator<CreateChatCommand>
{
    public CreateChatCommandValidator()
    {
        RuleFor(c => c.CustomerId).NotNull().When(c => c.UserId is null && c.CustomerPhone is null)
            .WithMessage("Give customer_id or customer_phone (chat with a customer) or user_id (chat with a colleague).");
        RuleFor(c => c.UserId).Null().When(c => c.CustomerId is not null || c.CustomerPhone is not null).WithMessage("Give either a customer or user_id, not both.");
        RuleFor(c => c.CustomerPhone).Null().When(c => c.CustomerId is not null).WithMessage("Give either customer_id or customer_phone, not both.");
        RuleFor(c => c.CustomerPhone).NotEmpty().MaximumLength(32).When(c => c.CustomerPhone is not null);
        RuleFor(c => c.CustomerId).GreaterThan(0).When(c => c.CustomerId is not null);
        RuleFor(c => c.UserId).GreaterThan(0).When(c => c.UserId is not null);
        RuleFor(c => c.Title).MaximumLength(Chat.MaxTitleLength);
        RuleFor(c => c.InitialMessage).MaximumLength(MessageBody.MaxContentLength);
    }
}

public sealed class CreateCustomerChatCommandValidator : AbstractValidator<CreateCustomerChatCommand>
{
    public CreateCustomerChatCommandValidator()
    {
        RuleFor(c => c.UserId).GreaterThan(0);
        RuleFor(c => c.Title).MaximumLength(Chat.MaxTitleLength);
        RuleFor(c => c.InitialMessage).MaximumLength(MessageBody.MaxContentLength);
    }
}
