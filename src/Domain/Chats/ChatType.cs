namespace CleanChat.Domain.Chats;

public enum ChatType
{
    /// <summary>Staff of a salon with one or more customers.</summary>
    UserCustomer = 1,

    /// <summary>Staff with staff of the same salon.</summary>
    UserUser = 2,

    /// <summary>Customers among themselves, hosted by a salon.</summary>
    CustomerCustomer = 3,
}
