"""Given names from many languages, in the spellings English-language news uses.

A chunk that starts with one of these (and is not a known place or organisation) is a
person. Hand-collected; transliteration variants (Sergei/Sergey) are listed side by side.
"""

from __future__ import annotations

_NAMES_TEXT = """
Ollie Alfie Archie Freddie Harvey Logan Aiden Caleb Cody Dustin Travis Shane Dwayne Deandre
Chiamaka Oluwaseun Bongani Sipho Lerato Zodwa Serdar Eleni Oleh Garrett Julienne Lezley Ornella
Vassilios Jaylen Jayson Tadej Magnus Bart Therese Marriyum Ayesha Cherelle Ararat Hikmet
Hjördís Yashasvi Ravindra Virat Shubman Jasprit Rishabh Hardik Sachin Sanae Jacki
Mitchell Pat Jenny Jenna Ron
Aaron Abbas Abdel Abdul Abdullah Abdulaziz Abdulhamid Abdulla Abu Adam Adel Adele Adil Adnan
Adrian Adriana Agnes Ahmad Ahmed Ahmet Aidan Aisha Akbar Akram Alain Alan Alberto Albert Alejandro
Aleksandr Aleksander Aleksei Alexei Alexey Alessandro Alex Alexander Alexandra Alexandre Alexis
Alfred Alfredo Ali Alice Alicia Alina Alison Alistair Allan Allen Alma Amal Amanda Amber Amelia
Amin Amina Amir Amit Amos Amy Ana Anas Anastasia Anatoly Andre Andrea Andreas Andrei Andres
Andrew Andrey Andriy Andrzej Angela Angelina Angelo Angus Anil Anita Ann Anna Anne Annie Anthony
Antoine Anton Antonio Anwar Arash Ari Ariel Arnold Arthur Arturo Arun Asad Asif Ashley Ashraf
Asma Ayman Aymen Aziz Ayşe Ayse Bakir Barack Barbara Bashar Basil Beatriz Ben Benjamin Benny
Bernard Bernie Beth Betty Bilal Bill Binali Bob Boris Brad Bradley Brandon Brenda Brett Brian
Bruce Bruno Bryan Burak Caitlin Cameron Camila Carl Carla Carlo Carlos Carmen Carol Caroline
Catherine Cecilia Cem Cesar Charles Charlie Chen Cheng Chloe Chris Christian Christina
Christine Christopher Chuck Claire Clara Claude Claudia Colin Connor Craig Cristiano Cynthia
Dalia Dan Daniel Daniela Danielle Danny Dario Darius David Dean Deborah Deniz Denis Dennis Derek
Devlet Diana Diego Dilma Dimitri Dmitri Dmitry Dmytro Dominic Don Donald Donna Doris Dorothy
Doug Douglas Duncan Dylan Ebrahim Ebru Ed Eddie Edgar Edith Edward Edwin Ehud Ekrem Elena Eli
Elias Elif Elijah Elizabeth Ella Ellen Elon Emad Emily Emine Emma Emmanuel Emre Enrique Eric
Erik Erin Ernesto Esra Ethan Eugene Eva Evan Evgeny Faisal Farah Farid Farouk Fatima Fatma
Fawzi Federico Felipe Felix Fernando Fidel Fiona Francesca Francesco Francis Francisco Frank
Franz Fred Frederick Fuat Gabriel Gabriela Gary Gavin Gennady George Georgi Gerald Gerhard Gholam
Giorgia Giorgio Giovanni Giuseppe Gloria Gordon Grace Graham Greg Gregory Guillaume Gustavo Guy
Hadi Hafez Hakan Hamad Hamid Hamza Hana Hannah Hans Harold Harry Hasan Hassan Hayat Heather
Hector Heidi Helen Helena Henry Herbert Hilary Hillary Hiroshi Hossein Howard Hugo Hulusi Hussein
Ian Ibrahim Ida Igor Ilham Ilya Imran Ina Ines Ingrid Irina Isaac Isabel Isabella Ismail Ivan
Jack Jacob Jacqueline Jake Jamal James Jamie Jan Jane Janet Jared Jason Javier Javad Jay Jean
Jeff Jeffrey Jennifer Jens Jeremy Jerome Jerry Jessica Jim Jimmy Joan Joanna Joe Joel Johan
Johann John Jon Jonathan Jorge Jose José Joseph Josh Joshua Juan Judith Julia Julian Julie
Juliet Julio Justin Kamal Kamala Kanat Karen Karim Karl Kassym-Jomart Kate Katherine Kathleen
Kathy Keir Keith Kelly Kemal Ken Kenneth Kevin Khaled Khalid Khalil Kim Kirill Klaus Kofi Kristin
Kurt Kyle Lana Larry Laura Lauren Laurent Leila Lena Leo Leon Leonardo Leonid Lewis Liam Lina
Linda Lionel Lisa Liu Liz Lorenzo Louis Louise Luca Lucas Lucia Luis Luiz Luka Lukas Lydia
Mahmoud Mahmood Majid Malik Mamadou Manuel Marc Marco Marcus Margaret Maria Marie Marina Mario
Mark Marta Martin Mary Masoud Matt Matteo Matthew Maurice Max Maxim Maya Mehmet Mehdi Melissa
Mert Mevlut Mevlüt Michael Michel Michelle Miguel Mike Mikhail Milan Mohamed Mohammad Mohammed
Mohsen Mona Monica Morgan Moshe Muhammad Muhammed Murat Musa Mustafa Nabil Nadia Naftali Naim
Nancy Naomi Narendra Nasser Natalia Natalie Nathan Neil Nicholas Nick Nicola Nicolas Nicole
Nikita Nikolai Nikolay Nina Nizar Noah Noor Nora Nour Nuri Olaf Oleg Olena Olga Oliver Olivia
Omar Oscar Osman Owen Pablo Pamela Paolo Pascal Patricia Patrick Paul Paula Pedro Pekka Penny
Peter Petr Petro Philip Philippe Pierre Pietro Rachel Rafael Rahul Rajesh Ralph Ramazan Ramzan
Rania Raphael Rashid Raul Ray Raymond Rebecca Recep Reza Ricardo Richard Rick Rishi Rita Rob
Robert Roberto Robin Rodrigo Roger Roman Ron Ronald Rosa Rose Ross Rudy Rui Russell Ruth Ryan
Saad Sabri Sadiq Saeed Said Salah Saleh Salem Sally Salman Sam Samantha Sami Samir Samuel Sandra
Sara Sarah Scott Sean Sebastian Selim Serena Sergei Sergey Sergio Serhiy Sevda Shahid Shannon
Sharon Shaun Sheikh Shimon Shinzo Shirin Sigmar Silvia Simon Sofia Sophie Stefan Stefano
Stephanie Stephen Steve Steven Stuart Sue Suleiman Susan Svetlana Tamara Tanya Tarek Tariq
Tatiana Taylor Ted Teresa Terry Thomas Tim Timothy Tina Todd Tom Tommy Tony Tracy Tyler Ugur
Ursula Valentina Valery Valeria Vanessa Vasily Victor Victoria Viktor Vincent Virginia
Vivian Vladimir Volodymyr Walid Walter Wang Wayne Wei Wendy William Willie Xi Yahya Yair Yan
Yasmin Yasser Yevgeny Yigal Yitzhak Yossi Youssef Yuri Yusuf Zaid Zainab Zeynep Zhang Zoe Zaki
Abdulkarim Ahmadi Ali-Reza Alireza Amirhossein Ayatollah Ebrahim Fuad Ghassan Haidar Haider
Hezbollah Jalal Jawad Kadhim Kazem Masrour Mazloum Moqtada Mustafa Nechirvan Nouri Qasem Qassem
Rami Riad Rifaat Saddam Salih Sayyed Shamkhani Walid Wissam Ziad Zakaria Yehya Bassam Bouthaina
Faisal Fayez Hikmat Hisham Imad Iyad Jihad Louay Maher Marwan Mazen Mounir Nabih Najib Rafik
Ahmet Alparslan Binali Canan Davut Ekmel Fahrettin Fidan Hulusi Ibrahim Kemal Meral Numan
Omer Ömer Selahattin Süleyman Suleyman Tayyip Yasin Yusuf Zeki Abdulkadir Bekir Bülent Bulent
Anatoli Arkady Denis Dmitriy Gennadiy Grigory Kirill Konstantin Maria Mikhail Nikolai Oleg
Pavel Pyotr Ramzan Sergei Stanislav Timur Vadim Valentina Valentin Vasily Vitaly Vyacheslav
Yevgeny Yury Yulia Zakhar Alla Galina Lyudmila Marat Nursultan Kassym Askar Bakhyt Yerlan
Jamshid Shavkat Emomali Sadyr Ilham Nikol Irakli Salome Mikheil Giorgi Maia Levan Nino
Narges Hassan Mahsa Masih Javad Mojtaba Mohammad-Bagher Ali-Akbar Abbas Kamal Hamid Abdolrahim
Xi Li Wang Zhao Liu Chen Yang Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Song
Hiroshi Takeshi Yoshihide Fumio Shinzo Kenji Akira Haruki Naomi Yuki Shohei Kei Taro Ichiro
Moon Yoon Lee Park Kim Choi Jung Kang Cho Jae-in Suk-yeol Kim Jong-un Ji-hoon Min-jun
Narendra Rahul Sonia Amit Priyanka Indira Arvind Mamata Virat Sachin Shah Rukh Aishwarya
Imran Nawaz Shehbaz Benazir Bilawal Asif Maryam Malala Babar Shaheen Wasim
Nelson Cyril Jacob Thabo Julius Winnie Desmond Kofi Nana Akufo-Addo Uhuru William Raila
Paul Yoweri Abiy Isaias Salva Riek Muhammadu Bola Goodluck Olusegun Chinua Wole Ngozi
Emmanuel Jean-Luc Jean-Marie Jean-Pierre Jean-Claude Jean-Yves Marine Ségolène Francois
François Nicolas Edouard Gabriel Manon Zinedine Kylian Didier Thierry Olivier Antoine
Angela Olaf Annalena Friedrich Frank-Walter Christian Robert Markus Thomas Manuel Jürgen
Jurgen Hansi Toni Mesut Ilkay Joachim Giorgia Matteo Silvio Sergio Mario Giuseppe Carlo
Pedro Mariano Santiago Isabel Alberto Rafael Carles Pep Xavi Andrés Sergio Iker Gerard
Luiz Inacio Inácio Jair Dilma Neymar Ronaldo Ronaldinho Kaká Pele Pelé Lula Javier Cristina
Alberto Mauricio Gabriel Gustavo Claudia Andrés Manuel Felipe Evo Hugo Nicolás Rodrigo
Volodymyr Petro Viktor Yulia Vitali Wladimir Oleksandr Oleksiy Olena Valerii Kyrylo Denys
Mateusz Donald Andrzej Jarosław Lech Viktor Péter Peter Zoran Aleksandar Milorad Milo
Recep Kemal Devlet Meral Ali Babacan Ahmet Ekrem Mansur Kılıçdaroğlu Sinan
Benjamin Yoav Benny Itamar Bezalel Gideon Isaac Yitzhak Naftali Yair Avigdor Ehud Ariel
Mahmoud Yahya Ismail Khaled Marwan Mohammed Hossam Saleh Jibril Hanan Saeb Ahmed Mustafa
Joe Kamala Donald Mike Hillary Barack George Jeb Ron Nikki Ted Marco Chuck Mitch Nancy Kevin
Hakeem Alexandria Bernie Elizabeth Pete Gavin Greg Antony Lloyd Jake Karine John Jill
Melania Ivanka Jared Tulsi Marjorie Lindsey Rand Josh Kristi Vivek JD Tim Liz Rishi Boris
Theresa Keir Liz Jeremy Sadiq Nicola Humza Rachel Yvette Angela Priti Suella Kemi Nigel
Justin Pierre Chrystia Jagmeet Anthony Scott Jacinda Chris Christopher Albanese Penny
Lionel Cristiano Kylian Erling Mohamed Harry Marcus Raheem Bukayo Jude Declan Phil Jordan
Jordan Trent Virgil Kevin Bruno Lewis Max Fernando Charles Lando Sebastian Novak Rafael Roger
Andy Carlos Jannik Daniil Iga Aryna Coco Naomi Emma Simone LeBron Stephen Kobe Shaquille
Tiger Rory Scottie Usain Eliud Mo Sifan Faith Kipchoge Megan Serena Venus Taylor Beyoncé
Beyonce Rihanna Adele Elton Paul Ringo Mick Bob Bruce Dolly Madonna Oprah Meryl Tom Brad
Leonardo Keanu Denzel Morgan Scarlett Jennifer Angelina Johnny Will Margot Zendaya Timothée
Elon Jeff Mark Bill Warren Sundar Satya Tim Sam Jensen Larry Sergey Sheryl Jack Susan
Stephen Jane Richard Carl Neil Buzz Yuri Valentina Marie Albert Isaac Charles Ada Alan Rosalind
Linus Grace Katalin Drew Jennifer Demis Geoffrey Yann Fei-Fei Andrew Ilya Dario Mustafa
Aarav Abdulrahman Abdullahi Abebe Abel Abhishek Abiola Abimbola Abubakar Achim Adama Adebayo
Adekunle Ademola Adeola Aditya Adnane Adolfo Adriano Afsaneh Agustin Agustín Ahmadou Aida Aigerim
Aikaterini Ainhoa Aisulu Ajay Akhil Akosua Alain Alaa Alassane Alberta Aldo Alec Aleksandra
Alena Alessandra Alessia Alfonso Alhassan Alioune Alisher Alisha Alka Almaz Alonso Alvaro Álvaro
Amadou Amani Amara Amber Ambrose Amelie Amina Aminata Amira Amjad Ammar Amos Anand Anas Anastasios
Andile Andrej Andrius Aneta Angelique Anh Anja Ankit Annalisa Anouk Ansgar Antje Antonella
Antonia Antonin Anuj Aoife Apostolos Aram Arif Arjun Armando Armen Arsen Arseniy Arvid Asel
Asha Ashok Aslan Assefa Astrid Ata Atiku Aung Aurelien Avi Avraham Axel Aya Ayaan Ayodele Aziz
Babajide Bahram Bakhtiyor Baltasar Bao Barış Baris Bartosz Bashir Beatrice Beatrix Behrouz
Bekzod Bence Benedikt Benoit Benoît Berat Bernardo Berta Bertrand Bianca Bich Bijan Birgit
Bjorn Björn Blessing Bobby Bogdan Bohdan Boubacar Bozidar Brigitte Bui Bushra Caio Camille
Candace Carina Carlota Carmen Casimir Catalina Cecile Cédric Cedric Celal Celine Céline Cesar
César Chaim Chanel Chiara Chidi Chidinma Chima Chinedu Chioma Chiwetel Chukwuemeka Ciaran
Cillian Cinzia Clarisse Clement Clément Conor Constantin Corinne Cosmin Cristian Cristina
Dagmar Dalia Damian Damien Damilola Danijel Dariusz Darko Davide Davit Dawit Dejan Delphine
Demetrios Deniz Desta Dhruv Dieter Dilnoza Dimitris Dina Dinh Diosdado Divya Djamel Dmitrij
Dominika Dong Dorota Dragan Dries Duc Dumisani Dušan Dusan Ebenezer Edgars Edoardo Efrat
Ehsan Eitan Ekaterina Elham Elio Eliza Elvira Emeka Emil Emilia Emine Emir Enes Enzo Eoin
Ercan Eren Erlan Ermias Esther Ethan Eugenia Evgenia Ewa Ezekiel Fadi Fahad Faisal Fanny
Farhad Farida Farrukh Fatih Fatou Federica Felipe Feng Ferhat Fernanda Filip Filipe Florian
Folake Francesca Franziska Funmilayo Gaurav Gebre Gediminas Genevieve Gennaro Georgios
Gergely Ghada Giacomo Gianluca Gilles Giulia Giulio Gökhan Gokhan Goran Gulnara Gunnar
Gustav Guo Habiba Hadiza Hai Haim Hakim Halima Hamdi Hamed Han Hande Hanna Hao Harjit Haruto
Hassane Hatice Hauke Heba Hedda Heinz Helga Hemant Hendrik Henrik Hiba Hidayat Hilal Hina
Hiroko Hoang Hong Horacio Hossam Huda Hugh Hung Huong Husam Idris Ieva Ifeoma Ignacio Ihor
Ikechukwu Ilhan Ilias Ilir Ilona Imane Inga Inna Ioana Ioannis Iqbal Irena Irene Iryna Isaias
Isidro Ismael Istvan István Ivana Ivo Izabela Jacek Jaime Jakub Jalil Jamila Jana Janek
Javed Jelena Jeroen Jesus Jesús Jia Jian Jie Jin Jing Jiri Jiří Joanna Joao João Joaquin
Joaquín Jolanta Jonas Jorge Josef Josip Jovan Juha Juho Jun Jung Jurgis Kaan Kadir Kaja
Kalle Kamil Kamila Karim Karima Karol Karolina Kasia Katarzyna Kateryna Kaveh Kawthar Kaya
Kazuki Kemi Kenan Kerem Khadija Khalifa Khanh Khurshid Kiran Kirsten Klara Koen Kofi Kojo
Konrad Kostas Krisztina Krzysztof Kuba Kwabena Kwame Kwasi Lahcen Lakshmi Lamine Lars Laszlo
László Latifa Layla Leila Lejla Lena Leonie Liang Lidia Lieke Lily Lin Ling Linh Lior Lisbeth
Liv Lorena Lotfi Lovro Luc Lucie Ludmila Luigi Lukasz Łukasz Lyes Madina Magdalena Mahamadou
Mahdi Mahlet Maia Maiken Majed Maksim Maksym Malak Malika Mamuka Manoj Mansour Mansur Marat
Marek Mariam Mariana Marija Marius Marko Marwa Masha Mateo Mathias Mathieu Mattias Maximilian
Mayra Mbali Meera Megan Mehdi Mehmet Meryem Mia Mihai Mikael Mikko Milica Milos Miloš Minh
Mirela Miriam Mirjana Mirza Moctar Mohamud Moussa Mthunzi Mukhtar Munir Musa Mustapha Mykola
Nabila Nada Nadine Nadir Nandi Nasrin Natasha Nawal Nazanin Neha Nergis Nesrine Ngozi Nguyen
Niamh Nicolae Niklas Nikolaos Nilufar Nils Nima Niraj Nnamdi Noa Nomvula Nour Nurlan Obinna
Oksana Olamide Oleksandra Olumide Omid Onur Orhan Oriol Orly Oscar Osagie Ossama Ouattara
Ousmane Pablo Paolo Parisa Parvin Patrícia Patryk Pavlo Pawel Paweł Pedram Petra Phuong
Pierluigi Pilar Piotr Pooja Prakash Priya Priyanka Qasim Quang Rabia Radek Radu Rafal Rafał
Rahim Rahma Raja Rajiv Ramin Rana Rasmus Ravi Reem Rehema Reinhard Renata Riccardo Rim
Rodica Rohan Roksana Roland Rolf Romain Ronan Rosalind Roxana Ruslan Saba Sabina Sabine
Sadia Sahar Saif Sakura Salma Sandeep Sanjay Santiago Saoirse Sarkis Saskia Satoshi Sebastien
Sébastien Seda Seo Seun Shabnam Shahram Shanti Sharif Sheila Shreya Siddharth Sigrid Silas
Simona Siobhan Siyabonga Slavko Sophia Soraya Srinivas Stanislaw Stavros Stefania Stella
Sunil Suresh Susanne Sven Svitlana Tadesse Taha Takumi Tamar Tamás Tamas Tanvir Tarik Tatjana
Teodor Themba Theo Thi Thiago Thijs Thu Tiago Timur Tobias Tomasz Tomás Tuan Tuba Tunde Tural
Uchenna Ulrich Umar Umut Uri Usman Vaclav Václav Valentin Vasyl Veronika Vikram Vilma Vinicius
Vítor Vitor Vivek Vlad Vusi Wafa Waleed Wanjiru Wiktoria Wojciech Xavier Xin Xiu Yael Yaw
Yasmina Yemi Yerlan Yevhen Yiannis Yosef Youssouf Yuka Yulia Yusra Zahra Zainab Zaid Zanele
Zdenek Zeynep Zhanna Zhou Zlatan Zoltan Zoltán Zuzana Zygmunt
"""
_NAMES = _NAMES_TEXT.split()

#: Every given name above, plus the spellings transliteration produces.
FIRST_NAMES: frozenset[str] = (
    frozenset(_NAMES)
    - frozenset(
        ["Alberta", "Santiago", "Hong", "Han", "Jun", "Sofia", "Victoria", "Georgia", "Virginia"]
    )
    - frozenset(
        [
            "Sheikh",
            "Ayatollah",
            "Hezbollah",
            "Shah",
            "He",
            "Will",
            "Said",
            "Ma",
            "Hu",
            "Sun",
            "Song",
        ]
    )
)

#: Short forms a later mention may use for a given name (lower case, folded).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "samuel": ("sam",),
    "william": ("bill", "will", "billy"),
    "robert": ("bob", "rob", "bobby"),
    "michael": ("mike",),
    "thomas": ("tom", "tommy"),
    "joseph": ("joe",),
    "alexander": ("alex", "sasha"),
    "alexandra": ("alex", "sasha"),
    "elizabeth": ("liz", "beth", "lizzie"),
    "james": ("jim", "jimmy", "jamie"),
    "daniel": ("dan", "danny"),
    "christopher": ("chris",),
    "nicholas": ("nick",),
    "anthony": ("tony",),
    "benjamin": ("ben", "bibi"),
    "edward": ("ed", "eddie", "ted"),
    "richard": ("rick", "dick", "richie"),
    "katherine": ("kate", "katie"),
    "catherine": ("kate", "cathy"),
    "margaret": ("maggie", "meg"),
    "jennifer": ("jen", "jenny"),
    "rebecca": ("becky",),
    "matthew": ("matt",),
    "andrew": ("andy",),
    "jonathan": ("jon",),
    "vladimir": ("volodya",),
    "dmitry": ("dima",),
    "mohammed": ("mo",),
}
